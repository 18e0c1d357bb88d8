import { describe, expect, it } from "vitest";
import { translatorFor } from "@/words/translate";
import { hasSecondFactor } from "./reset-scope";

const none = { totpEnabledAt: null, passkeys: 0, recoveryCodes: 0 };

describe("hasSecondFactor", () => {
  it("is false for an account with no app, no passkey and no unused recovery code", () => {
    expect(hasSecondFactor(none)).toBe(false);
  });

  it("is true for an authenticator app, a passkey or a recovery code alone", () => {
    expect(hasSecondFactor({ ...none, totpEnabledAt: new Date() })).toBe(true);
    expect(hasSecondFactor({ ...none, passkeys: 1 })).toBe(true);
    expect(hasSecondFactor({ ...none, recoveryCodes: 1 })).toBe(true);
  });
});

describe("the question of Reset two-factor", () => {
  const question = translatorFor("en", "admin")("users.actions.resetQuestion", {
    email: "ana@example.com",
  });

  it("keeps the question the users list has always asked", () => {
    expect(question.startsWith("Reset two-factor authentication for ana@example.com?")).toBe(true);
  });

  it("names everything the reset removes, passkeys included, and what signs in after it", () => {
    for (const removed of ["authenticator app", "recovery codes", "passkeys", "trusted browsers"]) {
      expect(question).toContain(removed);
    }
    expect(question).toContain("signed out everywhere");
    expect(question).toContain("password alone signs them in");
  });
});
