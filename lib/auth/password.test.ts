import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("stores argon2id at OWASP's minimum parameters, salted", async () => {
    const first = await hashPassword("correct horse battery staple");
    const second = await hashPassword("correct horse battery staple");
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("correct horse");
  });

  it("accepts the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword(stored, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(stored, "correct horse battery stapl")).toBe(false);
    expect(await verifyPassword(stored, "")).toBe(false);
  });

  it("refuses every password for an unknown account, even the dummy one", async () => {
    expect(await verifyPassword(null, "appmail-dummy-password-for-equal-timing")).toBe(false);
    expect(await verifyPassword(null, "anything at all")).toBe(false);
  });

  it("treats a corrupt stored hash as a wrong password instead of throwing", async () => {
    expect(await verifyPassword("not-a-hash", "whatever password")).toBe(false);
  });
});
