import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";

import {
  RECOVERY_CODE_COUNT,
  generateRecoveryCodes,
  hashRecoveryCode,
  normalizeRecoveryCode,
} from "./recovery-codes";

const DISPLAY_FORMAT = /^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/;

describe("generateRecoveryCodes", () => {
  it("gives ten distinct codes shown as xxxxx-xxxxx", () => {
    const codes = generateRecoveryCodes();
    expect(RECOVERY_CODE_COUNT).toBe(10);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(DISPLAY_FORMAT);
  });

  it("never uses the look-alike characters 0, o, 1, l, i", () => {
    const text = Array.from({ length: 50 }, () => generateRecoveryCodes().join("")).join("");
    expect(text).not.toMatch(/[01ilo]/);
  });

  it("is different every time", () => {
    const all = Array.from({ length: 20 }, () => generateRecoveryCodes()).flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it("uses every symbol about equally often", () => {
    const counts = new Map<string, number>();
    for (let round = 0; round < 3000; round++) {
      for (const char of generateRecoveryCodes().join("").replaceAll("-", "")) {
        counts.set(char, (counts.get(char) ?? 0) + 1);
      }
    }
    // 300 000 draws over 31 symbols: 9 677 each, give or take 97. A byte taken modulo 31
    // would favour 8 symbols by 12% (about 10 550) and fall outside these five-sigma bounds.
    expect(counts.size).toBe(31);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(9_190);
      expect(count).toBeLessThan(10_165);
    }
  });
});

describe("normalizeRecoveryCode", () => {
  it.each([
    ["abcde-fghjk", "abcdefghjk"],
    ["abcdefghjk", "abcdefghjk"],
    ["ABCDE-FGHJK", "abcdefghjk"],
    [" abcde fghjk ", "abcdefghjk"],
    ["abcde\u00a0fghjk", "abcdefghjk"],
    ["abc-de-fg-hjk", "abcdefghjk"],
    ["23456-789ab", "23456789ab"],
  ])("reads %j as %j", (input, expected) => {
    expect(normalizeRecoveryCode(input)).toBe(expected);
  });

  it.each([
    "",
    "abcde-fghj",
    "abcde-fghjkm",
    "abcde-fghj0",
    "abcde-fghjo",
    "abcde-fghj1",
    "abcde-fghjl",
    "abcde_fghjk",
    "abcde-fghj\u0000",
    "ａｂｃｄｅ-ｆｇｈｊｋ",
    "123456",
    " ".repeat(60) + "abcdefghjk",
  ])("rejects %j", (input) => {
    expect(normalizeRecoveryCode(input)).toBeNull();
  });

  it.each([null, undefined, 1234567890, ["abcde-fghjk"]])("rejects %j", (input) => {
    expect(normalizeRecoveryCode(input)).toBeNull();
  });

  it("accepts every generated code back", () => {
    for (const code of generateRecoveryCodes()) {
      expect(normalizeRecoveryCode(code)).toBe(code.replace("-", ""));
      expect(normalizeRecoveryCode(code.toUpperCase())).toBe(code.replace("-", ""));
    }
  });
});

describe("hashRecoveryCode", () => {
  const pepper = randomBytes(32);

  it("is a deterministic HMAC-SHA256 hex digest per pepper", () => {
    const hash = hashRecoveryCode("abcde-fghjk", pepper);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode("abcde-fghjk", pepper)).toBe(hash);
  });

  it("gives the same hash for every way of typing one code", () => {
    const hash = hashRecoveryCode("abcde-fghjk", pepper);
    expect(hashRecoveryCode("ABCDEFGHJK", pepper)).toBe(hash);
    expect(hashRecoveryCode(" abcde fghjk ", pepper)).toBe(hash);
  });

  it("differs by pepper and by code", () => {
    const hash = hashRecoveryCode("abcde-fghjk", pepper);
    expect(hashRecoveryCode("abcde-fghjk", randomBytes(32))).not.toBe(hash);
    expect(hashRecoveryCode("abcde-fghjm", pepper)).not.toBe(hash);
  });

  it("never contains the code", () => {
    for (const code of generateRecoveryCodes()) {
      const hash = hashRecoveryCode(code, pepper);
      expect(hash).not.toContain(code);
      expect(hash).not.toContain(code.replace("-", ""));
    }
  });

  it("refuses input that is not a recovery code, and a missing pepper", () => {
    expect(() => hashRecoveryCode("not a code", pepper)).toThrow(TypeError);
    expect(() => hashRecoveryCode("abcde-fghjk", Buffer.alloc(0))).toThrow(RangeError);
  });
});
