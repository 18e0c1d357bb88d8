import { describe, expect, it } from "vitest";
import { fillIn } from "@/lib/format/fill-in";
import { translatorFor } from "./translate";

// The account pages' counted messages (words/<locale>/account.json): English exactly as the pages
// said it before the catalogues (browser tests read it), and each language's plural forms.

describe("the account pages' counted messages", () => {
  it("say in English what the pages always said", () => {
    const t = translatorFor("en", "account");
    expect(t("twoFactor.enabled.fewCodes", { count: 1 })).toBe(
      "Only 1 recovery code left. Make new ones with “Regenerate recovery codes” before you run out.",
    );
    expect(t("twoFactor.enabled.fewCodes", { count: 2 })).toMatch(/^Only 2 recovery codes left\./);
    expect(t("twoFactor.enabled.unusedCodes", { count: 1 })).toBe("1 unused recovery code.");
    expect(t("twoFactor.enabled.unusedCodes", { count: 10 })).toBe("10 unused recovery codes.");
    expect(t("dashboard.recoveryCodesLeft", { count: 1 })).toBe(
      "You signed in with a recovery code. 1 recovery code remains. You can make new ones on your account page.",
    );
    expect(t("dashboard.recoveryCodesLeft", { count: 3 })).toContain(" 3 recovery codes remain. ");
    expect(t("browsers.othersSignedOut", { count: 1 })).toBe("Signed out 1 other browser.");
    expect(t("browsers.othersSignedOut", { count: 2 })).toBe("Signed out 2 other browsers.");
    expect(fillIn(t("browsers.offerMany", { count: "{count}" }), { count: 3 })).toBe(
      "3 other browsers are signed in to your account. If you do not recognise them all, sign them out.",
    );
    expect(t("browsers.described", { browser: "Firefox", system: "Windows" })).toBe(
      "Firefox on Windows",
    );
  });

  it.each([
    ["de", "Nur noch 1 Wiederherstellungscode übrig.", "Nur noch 2 Wiederherstellungscodes übrig."],
    ["fr", "Plus que 1 code de récupération.", "Plus que 2 codes de récupération."],
    ["es", "Solo te queda 1 código de recuperación.", "Solo te quedan 2 códigos de recuperación."],
  ] as const)("count recovery codes in %s, one and more", (locale, one, two) => {
    const t = translatorFor(locale, "account");
    expect(t("twoFactor.enabled.fewCodes", { count: 1 })).toMatch(new RegExp(`^${one}`));
    expect(t("twoFactor.enabled.fewCodes", { count: 2 })).toMatch(new RegExp(`^${two}`));
  });

  it("leave a value only the browser knows to be filled in there", () => {
    const t = translatorFor("de", "account");
    const printed = t("twoFactor.recoveryCodes.printed", { email: "a@b.test", date: "{date}" });
    expect(fillIn(printed, { date: "7. Dez. 2026, 19:32 UTC" })).toBe(
      "Wiederherstellungscodes für a@b.test, erstellt am 7. Dez. 2026, 19:32 UTC",
    );
  });
});
