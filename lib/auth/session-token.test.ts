import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken } from "./session-token";

// The cookie next-auth seals at sign-in must read the same through the app's own reader, and a
// cookie sealed under another secret, altered, or expired must not read at all.

const SECRET = "a-session-secret-of-enough-length-for-the-test";

describe("decodeSessionToken", () => {
  it("reads a token next-auth sealed, every time (the derived key is kept)", async () => {
    const token = await encode({ token: { sid: "sign-in-1" }, secret: SECRET });
    expect((await decodeSessionToken(token, SECRET)).sid).toBe("sign-in-1");
    expect((await decodeSessionToken(token, SECRET)).sid).toBe("sign-in-1");
  });

  it("refuses a token sealed under another secret", async () => {
    const token = await encode({ token: { sid: "sign-in-1" }, secret: `${SECRET}-other` });
    await expect(decodeSessionToken(token, SECRET)).rejects.toThrow();
  });

  it("refuses a token with one character changed", async () => {
    const token = await encode({ token: { sid: "sign-in-1" }, secret: SECRET });
    const at = token.length - 5;
    const altered = token.slice(0, at) + (token[at] === "A" ? "B" : "A") + token.slice(at + 1);
    await expect(decodeSessionToken(altered, SECRET)).rejects.toThrow();
  });

  it("refuses a token past its expiry, beyond next-auth's 15 s of tolerance", async () => {
    const token = await encode({ token: { sid: "sign-in-1" }, secret: SECRET, maxAge: -60 });
    await expect(decodeSessionToken(token, SECRET)).rejects.toThrow();
  });
});
