import { afterEach, describe, expect, it, vi } from "vitest";
import { chooseLocale, fromAcceptLanguage, recipientLocale } from "./locales";

// Which language a page and an e-mail are written in (docs/rules.md, "Languages").

afterEach(() => vi.unstubAllEnvs());

describe("fromAcceptLanguage", () => {
  it("takes the best of ours the browser names, a regional variant as its language", () => {
    expect(fromAcceptLanguage("de-CH,de;q=0.9,en;q=0.8")).toBe("de");
    expect(fromAcceptLanguage("fr-FR")).toBe("fr");
    expect(fromAcceptLanguage("ja,es;q=0.5")).toBe("es");
    expect(fromAcceptLanguage("en-US,en;q=0.9,de;q=0.8")).toBe("en");
  });

  it("names none for a browser that asks for none of ours, or nothing readable", () => {
    expect(fromAcceptLanguage("ja-JP,ja;q=0.9")).toBeNull();
    expect(fromAcceptLanguage("")).toBeNull();
    expect(fromAcceptLanguage(null)).toBeNull();
    expect(fromAcceptLanguage(";;;q=x,,")).toBeNull();
  });

  it("offers the pseudo-locale only where tests switch it on, and never for a plain '*'", () => {
    expect(fromAcceptLanguage("en-XA")).toBe("en");
    vi.stubEnv("APPMAIL_PSEUDO_LOCALE", "1");
    expect(fromAcceptLanguage("en-XA")).toBe("en-XA");
    expect(fromAcceptLanguage("*")).toBe("en");
    expect(fromAcceptLanguage("en")).toBe("en");
  });
});

describe("chooseLocale", () => {
  it("prefers the account's choice, then the browser's, then the instance default", () => {
    expect(chooseLocale({ account: "es", acceptLanguage: "de", instanceDefault: "fr" })).toBe("es");
    expect(chooseLocale({ account: null, acceptLanguage: "de", instanceDefault: "fr" })).toBe("de");
    expect(chooseLocale({ account: null, acceptLanguage: "ja", instanceDefault: "fr" })).toBe("fr");
    expect(chooseLocale({})).toBe("en");
  });

  it("ignores a stored value that is not one of ours", () => {
    expect(chooseLocale({ account: "xx", acceptLanguage: null, instanceDefault: "zz" })).toBe("en");
  });
});

describe("recipientLocale", () => {
  it("is the account's choice, else the instance default, never a browser's", () => {
    expect(recipientLocale("de", "fr")).toBe("de");
    expect(recipientLocale(null, "fr")).toBe("fr");
    expect(recipientLocale(null, "nope")).toBe("en");
  });
});
