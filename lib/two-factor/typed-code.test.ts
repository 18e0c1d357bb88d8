import { describe, expect, it } from "vitest";
import { sayFailure } from "@/words/say-failure";
import { readTypedCode } from "./typed-code";

// docs/rules.md, rule 31: what counts as a typed code at all. Anything else is a typo, refused
// with the shape message before any attempt is counted.
describe("readTypedCode", () => {
  it.each([
    ["123456", "123456"],
    ["123 456", "123456"],
    [" 123\u00a0456 ", "123456"],
    ["123-456", "123456"],
  ])("reads the authentication code %j as %j", (input, code) => {
    expect(readTypedCode("totp", input)).toEqual({ ok: true, method: "totp", code });
  });

  it.each([
    "12345",
    "abcdef",
    "1234567",
    "12345a",
    "",
    "   ",
    "１２３４５６",
    "123456".repeat(20),
    undefined,
    null,
    123456,
    ["123456"],
  ])("refuses the authentication code %j with the shape message", (input) => {
    expect(readTypedCode("totp", input)).toEqual({ ok: false, failure: { code: "enter_code" } });
  });

  it.each([
    ["abcde-23456", "abcde23456"],
    ["ABCDE 23456", "abcde23456"],
    ["abcde23456", "abcde23456"],
  ])("reads the recovery code %j as %j", (input, code) => {
    expect(readTypedCode("recovery", input)).toEqual({ ok: true, method: "recovery", code });
  });

  it.each(["abcde-2345", "abcde-234567", "abcde-2345!", "abcde-23450", "123456", "", undefined])(
    "refuses the recovery code %j with its own shape message",
    (input) => {
      expect(readTypedCode("recovery", input)).toEqual({
        ok: false,
        failure: { code: "enter_recovery_code" },
      });
    },
  );

  it("says to type six digits", () => {
    expect(sayFailure({ code: "enter_code" })).toContain("Enter the 6-digit code");
  });
});
