import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";

import { DecryptionError, decryptSecret, encryptSecret } from "./encryption";

const SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const USER = "user_1";
const current = { version: 2, key: randomBytes(32) };
const previous = { version: 1, key: randomBytes(32) };
const keys = new Map([
  [current.version, current.key],
  [previous.version, previous.key],
]);

function expectFailure(run: () => unknown, reason: DecryptionError["reason"], keyVersion?: number) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DecryptionError);
  expect((caught as DecryptionError).reason).toBe(reason);
  if (keyVersion !== undefined) expect((caught as DecryptionError).keyVersion).toBe(keyVersion);
  // The message must not leak what was being decrypted.
  expect((caught as DecryptionError).message).not.toContain(SECRET);
}

// Flips one bit of one decoded part and writes the value back in the stored form.
function tamper(stored: string, part: 1 | 2 | 3): string {
  const parts = stored.split(":");
  const bytes = Buffer.from(parts[part]!, "base64url");
  bytes[0]! ^= 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(":");
}

describe("encryptSecret", () => {
  it("writes v<version>:<iv>:<tag>:<ciphertext> with a 12-byte IV and 16-byte tag", () => {
    const stored = encryptSecret(SECRET, current, USER);
    const [version, iv, tag, ciphertext] = stored.split(":");
    expect(version).toBe("v2");
    expect(Buffer.from(iv!, "base64url")).toHaveLength(12);
    expect(Buffer.from(tag!, "base64url")).toHaveLength(16);
    expect(Buffer.from(ciphertext!, "base64url")).toHaveLength(SECRET.length);
    expect(stored).not.toContain(SECRET);
    expect(stored).toMatch(/^[A-Za-z0-9_:-]+$/);
  });

  it("uses a fresh IV, so one plaintext never gives the same stored value twice", () => {
    const values = Array.from({ length: 20 }, () => encryptSecret(SECRET, current, USER));
    expect(new Set(values).size).toBe(20);
    expect(new Set(values.map((value) => value.split(":")[1])).size).toBe(20);
  });

  it("refuses a key of the wrong size or a bad version", () => {
    expect(() => encryptSecret(SECRET, { version: 1, key: randomBytes(16) })).toThrow(RangeError);
    expect(() => encryptSecret(SECRET, { version: 0, key: current.key })).toThrow(RangeError);
    expect(() => encryptSecret(SECRET, { version: 1.5, key: current.key })).toThrow(RangeError);
  });
});

describe("decryptSecret", () => {
  it("round-trips with a map of keys or a lookup function", () => {
    const stored = encryptSecret(SECRET, current, USER);
    expect(decryptSecret(stored, keys, USER)).toBe(SECRET);
    expect(decryptSecret(stored, (version) => keys.get(version), USER)).toBe(SECRET);
  });

  it("round-trips without aad, and unicode and empty plaintexts", () => {
    for (const plaintext of [SECRET, "", "Grüße 🔐"]) {
      expect(decryptSecret(encryptSecret(plaintext, current), keys)).toBe(plaintext);
    }
  });

  it("still reads values written under a previous key version", () => {
    const stored = encryptSecret(SECRET, previous, USER);
    expect(stored.startsWith("v1:")).toBe(true);
    expect(decryptSecret(stored, keys, USER)).toBe(SECRET);
  });

  it.each([1, 2, 3] as const)("detects a flipped bit in part %i (iv, tag, ciphertext)", (part) => {
    const stored = encryptSecret(SECRET, current, USER);
    expectFailure(() => decryptSecret(tamper(stored, part), keys, USER), "authentication-failed");
  });

  it("detects a value moved to another key version", () => {
    const stored = encryptSecret(SECRET, current, USER).replace(/^v2:/, "v1:");
    expectFailure(() => decryptSecret(stored, keys, USER), "authentication-failed");
  });

  it("fails under the wrong key", () => {
    const stored = encryptSecret(SECRET, current, USER);
    const wrongKeys = new Map([[current.version, randomBytes(32)]]);
    expectFailure(() => decryptSecret(stored, wrongKeys, USER), "authentication-failed");
  });

  it("fails for another account: a ciphertext copied between users is useless", () => {
    const stored = encryptSecret(SECRET, current, USER);
    expectFailure(() => decryptSecret(stored, keys, "user_2"), "authentication-failed");
    expectFailure(() => decryptSecret(stored, keys), "authentication-failed");
    const unbound = encryptSecret(SECRET, current);
    expectFailure(() => decryptSecret(unbound, keys, USER), "authentication-failed");
  });

  it("reports an unknown key version, and which one", () => {
    const stored = encryptSecret(SECRET, { version: 7, key: randomBytes(32) }, USER);
    expectFailure(() => decryptSecret(stored, keys, USER), "unknown-key-version", 7);
    expectFailure(() => decryptSecret(stored, () => undefined, USER), "unknown-key-version");
  });

  it("reports a key of the wrong size as unknown rather than crashing", () => {
    const stored = encryptSecret(SECRET, current, USER);
    const badKeys = new Map([[current.version, randomBytes(16)]]);
    expectFailure(() => decryptSecret(stored, badKeys, USER), "unknown-key-version");
  });

  it.each([
    "",
    "garbage",
    SECRET,
    "v2:::",
    "v2:a:b:c",
    "2:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA",
    "v0:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA",
    "v02:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA",
    "v2:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA:AAAA",
    "v2:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AA==",
    "v2:AAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA",
    "v2:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAA:AAAA",
    "v2:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAA+:AAAA",
    " v2:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA",
    "v2:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA\n",
    "v2:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAB:AAAA",
    "v99999999999999999999:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA",
  ])("rejects the malformed value %j", (stored) => {
    expectFailure(() => decryptSecret(stored, keys, USER), "malformed");
  });

  it("rejects values that are not strings", () => {
    for (const stored of [null, undefined, 42, {}, Buffer.from("v2:")]) {
      expectFailure(() => decryptSecret(stored as unknown as string, keys, USER), "malformed");
    }
  });
});
