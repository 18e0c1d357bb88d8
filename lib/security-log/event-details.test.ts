import { describe, expect, it } from "vitest";
import { translatorFor } from "@/words/translate";
import { auditEntryView } from "./audit-entry";
import { auditDetailsInWords } from "./event-details";
import { say, sayLine, type SecurityLogTranslate } from "./phrase";

const english = translatorFor("en", "securityLog") as unknown as SecurityLogTranslate;
const inWords = (locale: "en" | "de", type: string, details: unknown) =>
  auditDetailsInWords(type, JSON.stringify(details), locale).map((line) =>
    sayLine(translatorFor(locale, "securityLog") as unknown as SecurityLogTranslate, line),
  );
const words = (type: string, details: unknown) => inWords("en", type, details);
/** A row's words in English. */
const view = (event: Parameters<typeof auditEntryView>[0]) => {
  const { who, by, event: label, browser, userAgent } = auditEntryView(event);
  return {
    who: say(english, who),
    by: by === null ? null : say(english, by),
    event: say(english, label),
    browser: say(english, browser),
    userAgent,
  };
};

describe("audit details in words", () => {
  it("says what a settings change did, never the SMTP username or password", () => {
    expect(
      words("settings_changed", {
        old_requireTwoFactor: "ADMINS",
        new_requireTwoFactor: "EVERYONE",
        old_companyName: "Acme",
        new_companyName: "Acme Ltd",
        old_trustBrowserDays: 0,
        new_trustBrowserDays: 30,
      }),
    ).toEqual([
      "Policy changed from Admins to Everyone",
      "Company name changed from “Acme” to “Acme Ltd”",
      "Trusted browsers turned on, for 30 days",
    ]);
    const smtp = words("settings_changed", {
      old_smtpUsername: "mailer-old",
      new_smtpUsername: "mailer-new",
      old_fromAddress: "a@example.com",
      new_fromAddress: "AppMail <a@example.com>",
      smtpPassword: "cleared: the server or username changed",
    });
    expect(smtp).toEqual([
      "SMTP username changed",
      "From address changed from a@example.com to AppMail <a@example.com>",
      "SMTP password cleared, because the server or username changed",
    ]);
    expect(smtp.join(" ")).not.toContain("mailer");
  });

  it.each([
    ["two_factor_code_failed", { consecutiveFailures: 3 }, ["Code refused (3 of 5)"]],
    [
      "two_factor_code_failed",
      { consecutiveFailures: 1, action: "disable_two_factor" },
      ["Code refused (1 of 5) while disabling two-factor"],
    ],
    ["two_factor_locked", { minutes: 60, lockNumber: 3 }, ["Locked for 1 hour (lock 3)"]],
    [
      "sign_in_succeeded",
      { step: "trusted_browser" },
      ["With the password; a trusted browser skipped the code"],
    ],
    ["sign_in_failed", { reason: "wrong_password" }, ["Wrong password"]],
    ["recovery_code_used", { remaining: 1, step: "sign_in" }, ["1 recovery code left"]],
    [
      "account_updated",
      { changed: "email,role", role: "CUSTOMER->ADMIN", previousEmail: "old@example.com" },
      ["Email changed from old@example.com", "Role changed from Customer to Admin"],
    ],
    ["passkey_used", { name: "YubiKey", step: "confirm" }, ["“YubiKey” to confirm a change"]],
    ["signed_out_everywhere", { count: 2 }, ["Signed out of 2 browsers"]],
    [
      "two_factor_reset",
      { authenticatorApp: true, passkeys: 2 },
      ["Removed: the authenticator app, 2 passkeys"],
    ],
    ["account_unlocked", { secondStep: true, password: false }, ["Second step unlocked"]],
    [
      "passkey_renamed",
      { from: "Chrome on Linux", name: "Work laptop" },
      ["Renamed from “Chrome on Linux” to “Work laptop”"],
    ],
  ])("%s %j reads %j", (type, details, expected) => {
    expect(words(type, details)).toEqual(expected);
  });

  it("names languages by their own names, and writes moments for the reader", () => {
    const change = { old_defaultLanguage: "en", new_defaultLanguage: "fr" };
    expect(words("settings_changed", change)).toEqual([
      "Default language changed from English to Français",
    ]);
    expect(inWords("de", "settings_changed", change)).toEqual([
      "Standardsprache geändert von English zu Français",
    ]);
    const issued = { expiresAt: "2026-12-09T14:05:00.000Z" };
    expect(words("recovery_code_issued", issued)).toEqual(["Valid until 2026-12-09 14:05 UTC"]);
    expect(inWords("de", "recovery_code_issued", issued)).toEqual([
      "Gültig bis 9. Dez. 2026, 14:05 UTC",
    ]);
  });

  it("says the details in German, with German plurals and quotes", () => {
    expect(inWords("de", "two_factor_locked", { minutes: 60, lockNumber: 3 })).toEqual([
      "Gesperrt für 1 Stunde (Sperre 3)",
    ]);
    expect(inWords("de", "passkey_used", { name: "YubiKey", step: "confirm" })).toEqual([
      "„YubiKey“ zum Bestätigen einer Änderung",
    ]);
    expect(inWords("de", "two_factor_reset", { authenticatorApp: false, passkeys: 2 })).toEqual([
      "Entfernt: 2 Passkeys",
    ]);
  });

  it("shows nothing rather than raw JSON for what it does not know", () => {
    expect(auditDetailsInWords("something_new", '{"a":1}')).toEqual([]);
    expect(auditDetailsInWords("sign_in_failed", "not json")).toEqual([]);
    expect(auditDetailsInWords("sign_in_failed", null)).toEqual([]);
  });
});

describe("a security-log row", () => {
  const base = { clientAddress: "127.0.0.1", details: null, actorEmail: null, subjectEmail: null };
  const chrome =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  it("names the account, and who acted on it on a line of its own", () => {
    const row = view({
      ...base,
      type: "two_factor_reset",
      subjectEmail: "ann@example.com",
      actorEmail: "admin@example.com",
      userAgent: chrome,
    });
    expect(row).toMatchObject({
      who: "ann@example.com",
      by: "by admin@example.com",
      event: "Two-factor reset",
      browser: "Chrome on Linux",
      userAgent: chrome,
    });
  });

  it("names the admin who changed settings, and the command line", () => {
    expect(
      view({
        ...base,
        type: "settings_changed",
        actorEmail: "admin@example.com",
        userAgent: null,
      }),
    ).toMatchObject({ who: "admin@example.com", by: null, browser: "—" });
    expect(
      view({
        ...base,
        type: "two_factor_reset",
        subjectEmail: "ann@example.com",
        clientAddress: "local",
        userAgent: "appmail-cli",
      }),
    ).toMatchObject({ who: "ann@example.com", by: "by the command line", browser: "Command line" });
  });
});
