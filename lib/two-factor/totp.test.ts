import { createHmac } from "node:crypto";
import { generate } from "otplib";
import { describe, expect, it } from "vitest";

import {
  TOTP_DIGITS,
  TOTP_PERIOD,
  generateTotpSecret,
  timeStepOf,
  totpCodeAt,
  verifyTotpCode,
} from "./totp";

// An independent RFC 4226 HOTP, so that otplib is checked against more than itself.
function referenceHotp(
  key: Buffer,
  counter: number,
  digits: number,
  algorithm: "sha1" | "sha256" | "sha512",
): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of text) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    bits += value.toString(2).padStart(5, "0");
  }
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => parseInt(byte, 2)));
}

describe("RFC 6238 Appendix B test vectors", () => {
  const seeds = {
    sha1: Buffer.from("12345678901234567890"),
    sha256: Buffer.from("12345678901234567890123456789012"),
    sha512: Buffer.from("1234567890123456789012345678901234567890123456789012345678901234"),
  };
  const vectors: [number, string, string, string][] = [
    [59, "94287082", "46119246", "90693936"],
    [1111111109, "07081804", "68084774", "25091201"],
    [1111111111, "14050471", "67062674", "99943326"],
    [1234567890, "89005924", "91819424", "93441116"],
    [2000000000, "69279037", "90698825", "38618901"],
    [20000000000, "65353130", "77737706", "47863826"],
  ];
  const cases = vectors.flatMap(([time, sha1, sha256, sha512]) => [
    { time, algorithm: "sha1" as const, expected: sha1 },
    { time, algorithm: "sha256" as const, expected: sha256 },
    { time, algorithm: "sha512" as const, expected: sha512 },
  ]);

  it.each(cases)("$algorithm at $time is $expected", async ({ time, algorithm, expected }) => {
    const key = seeds[algorithm];
    const fromOtplib = await generate({
      secret: new Uint8Array(key),
      epoch: time,
      algorithm,
      digits: 8,
      period: 30,
    });
    expect(fromOtplib).toBe(expected);
    expect(referenceHotp(key, Math.floor(time / 30), 8, algorithm)).toBe(expected);
  });
});

// A fixed secret and moment keep the window tests free of chance collisions between steps.
const SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const STEP = 59_000_000;
const startOf = (step: number) => new Date(step * TOTP_PERIOD * 1000);
const lastMsOf = (step: number) => new Date((step + 1) * TOTP_PERIOD * 1000 - 1);

describe("totpCodeAt", () => {
  it("is the six-digit SHA-1 code of the 30-second step, as an authenticator app shows it", async () => {
    const secret = generateTotpSecret();
    for (const at of [startOf(STEP), lastMsOf(STEP), new Date("2031-05-06T07:08:09.123Z")]) {
      const code = await totpCodeAt(secret, at);
      expect(code).toMatch(/^[0-9]{6}$/);
      expect(code).toBe(referenceHotp(base32Decode(secret), timeStepOf(at), 6, "sha1"));
    }
    expect(TOTP_DIGITS).toBe(6);
    expect(TOTP_PERIOD).toBe(30);
  });

  it("keeps one code for the whole step", async () => {
    expect(await totpCodeAt(SECRET, startOf(STEP))).toBe(await totpCodeAt(SECRET, lastMsOf(STEP)));
    expect(await totpCodeAt(SECRET, startOf(STEP))).not.toBe(
      await totpCodeAt(SECRET, startOf(STEP + 1)),
    );
  });
});

describe("timeStepOf", () => {
  it("counts 30-second steps from the Unix epoch", () => {
    expect(timeStepOf(new Date(0))).toBe(0);
    expect(timeStepOf(new Date(29_999))).toBe(0);
    expect(timeStepOf(new Date(30_000))).toBe(1);
    expect(timeStepOf(new Date(1_111_111_109_000))).toBe(37_037_036);
  });
});

describe("verifyTotpCode window", () => {
  const codeOf = (step: number) => totpCodeAt(SECRET, startOf(step));

  it("accepts the code of step T throughout steps T-1, T and T+1, reporting step T", async () => {
    const code = await codeOf(STEP);
    for (const step of [STEP - 1, STEP, STEP + 1]) {
      for (const now of [startOf(step), lastMsOf(step)]) {
        expect(await verifyTotpCode({ secret: SECRET, code, now })).toEqual({
          ok: true,
          timeStep: STEP,
        });
      }
    }
  });

  it("rejects the code of step T two steps early or late, up to the exact boundary", async () => {
    const code = await codeOf(STEP);
    const outside = [lastMsOf(STEP - 2), startOf(STEP - 2), startOf(STEP + 2), lastMsOf(STEP + 2)];
    for (const now of outside) {
      expect(await verifyTotpCode({ secret: SECRET, code, now })).toEqual({ ok: false });
    }
  });

  it("rejects a code made from another secret", async () => {
    const code = await totpCodeAt("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", startOf(STEP));
    expect(await verifyTotpCode({ secret: SECRET, code, now: startOf(STEP) })).toEqual({
      ok: false,
    });
  });
});

describe("verifyTotpCode replay", () => {
  const now = startOf(STEP);

  it("rejects the step already used and every earlier one", async () => {
    for (const step of [STEP - 1, STEP]) {
      const code = await totpCodeAt(SECRET, startOf(step));
      expect(await verifyTotpCode({ secret: SECRET, code, now, afterTimeStep: STEP })).toEqual({
        ok: false,
      });
    }
  });

  it("accepts a later step", async () => {
    const code = await totpCodeAt(SECRET, startOf(STEP + 1));
    expect(await verifyTotpCode({ secret: SECRET, code, now, afterTimeStep: STEP })).toEqual({
      ok: true,
      timeStep: STEP + 1,
    });
    const current = await totpCodeAt(SECRET, now);
    expect(
      await verifyTotpCode({ secret: SECRET, code: current, now, afterTimeStep: STEP - 1 }),
    ).toEqual({ ok: true, timeStep: STEP });
  });

  it("treats null as no step used yet", async () => {
    const code = await totpCodeAt(SECRET, now);
    expect(await verifyTotpCode({ secret: SECRET, code, now, afterTimeStep: null })).toEqual({
      ok: true,
      timeStep: STEP,
    });
  });

  it("rejects without throwing when the used step is ahead of the clock", async () => {
    const code = await totpCodeAt(SECRET, now);
    for (const afterTimeStep of [STEP + 1, STEP + 2, STEP + 1000, -1, 1.5, Number.NaN]) {
      expect(await verifyTotpCode({ secret: SECRET, code, now, afterTimeStep })).toEqual({
        ok: false,
      });
    }
  });
});

describe("verifyTotpCode with a damaged stored secret", () => {
  it("throws, so that a server fault is not counted against the user as a wrong code", async () => {
    const now = startOf(STEP);
    await expect(verifyTotpCode({ secret: "GEZDGNBV", code: "123456", now })).rejects.toThrow();
  });
});
