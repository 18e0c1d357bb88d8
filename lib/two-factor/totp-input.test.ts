import { describe, expect, it } from "vitest";
import {
  generateTotpSecret,
  normalizeCode,
  otpauthUri,
  verifyTotpCode,
} from "@/lib/two-factor/totp";

// What enrolment hands to an authenticator app, and what a typed code may look like. The codes
// themselves are tested in totp.test.ts.
const SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const NOW = new Date("2026-01-01T00:00:00Z");

describe("normalizeCode", () => {
  it.each([
    ["123456", "123456"],
    ["123 456", "123456"],
    ["123-456", "123456"],
    [" 123456 ", "123456"],
    ["123\u00a0456", "123456"],
    ["123\u2009456", "123456"],
    ["123\u202f456", "123456"],
    ["\t123456\n", "123456"],
    ["123\u2013456", "123456"],
  ])("reads %j as %j", (input, expected) => {
    expect(normalizeCode(input)).toBe(expected);
  });

  it.each([
    "12345",
    "1234567",
    "abcdef",
    "١٢٣٤٥٦",
    "１２３４５６",
    "",
    "   ",
    "123456\u0000",
    "123.456",
    "+123456",
    "12345\u200b6",
  ])("rejects %j", (input) => {
    expect(normalizeCode(input)).toBeNull();
  });

  it("rejects over-long input, even when it would strip down to six digits", () => {
    expect(normalizeCode("1".repeat(100_000))).toBeNull();
    expect(normalizeCode(" ".repeat(59) + "123456")).toBeNull();
    expect(normalizeCode(" ".repeat(58) + "123456")).toBe("123456");
  });

  it.each([null, undefined, 123456, ["123456"], { code: "123456" }])("rejects %j", (input) => {
    expect(normalizeCode(input)).toBeNull();
  });
});

describe("otpauthUri", () => {
  it("has exactly the format authenticator apps expect", () => {
    expect(
      otpauthUri({ issuer: "AppMail", accountName: "alice@example.com", secret: SECRET }),
    ).toBe(
      `otpauth://totp/AppMail:alice%40example.com?secret=${SECRET}&issuer=AppMail` +
        "&algorithm=SHA1&digits=6&period=30",
    );
  });

  it("percent-encodes issuer and email so that they parse back unchanged", () => {
    const issuer = "Müller & Söhne #1 / Mail?";
    const accountName = "a+b@example.com";
    const url = new URL(otpauthUri({ issuer, accountName, secret: SECRET }));
    expect(url.protocol).toBe("otpauth:");
    expect(url.host).toBe("totp");
    expect(decodeURIComponent(url.pathname)).toBe(`/${issuer}:${accountName}`);
    expect(url.searchParams.get("issuer")).toBe(issuer);
    expect(url.searchParams.get("secret")).toBe(SECRET);
    expect(url.searchParams.get("algorithm")).toBe("SHA1");
    expect(url.searchParams.get("digits")).toBe("6");
    expect(url.searchParams.get("period")).toBe("30");
    expect([...url.searchParams.keys()]).toEqual([
      "secret",
      "issuer",
      "algorithm",
      "digits",
      "period",
    ]);
  });
});

describe("generateTotpSecret", () => {
  it("is 32 base32 characters encoding 20 bytes", () => {
    const secret = generateTotpSecret();
    // 32 base32 characters of 5 bits each: exactly 160 bits, no padding.
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  });

  it("differs every time", () => {
    const secrets = new Set(Array.from({ length: 50 }, () => generateTotpSecret()));
    expect(secrets.size).toBe(50);
  });
});

describe("verifyTotpCode malformed codes", () => {
  it.each(["", "12345", "1234567", "abcdef", "12345a", "123 456", "１２３４５６", "١٢٣٤٥٦"])(
    "rejects %j without throwing",
    async (code) => {
      expect(await verifyTotpCode({ secret: SECRET, code, now: NOW })).toEqual({
        ok: false,
      });
    },
  );

  it("rejects values that are not strings, as posted straight to a server action", async () => {
    for (const code of [123456, null, undefined, ["123456"], { code: "123456" }]) {
      const result = await verifyTotpCode({
        secret: SECRET,
        code: code as unknown as string,
        now: NOW,
      });
      expect(result).toEqual({ ok: false });
    }
  });
});
