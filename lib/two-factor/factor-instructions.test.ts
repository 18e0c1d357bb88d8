import { describe, expect, it } from "vitest";
import { factorInstruction } from "./factor-instructions";

describe("factorInstruction", () => {
  it("asks for the 6-digit code while the code field is shown", () => {
    expect(factorInstruction("code", { withApp: true, passkey: false })).toBe(
      "Enter the 6-digit code from your authenticator app",
    );
  });

  it("asks for a recovery code, never the 6-digit code, once 'Use a recovery code' is chosen", () => {
    const words = factorInstruction("recovery", { withApp: true, passkey: false });
    expect(words).toBe("Enter one of your recovery codes");
    expect(words).not.toMatch(/6-digit/);
  });

  it("names the passkey where the form offers one", () => {
    expect(factorInstruction("code", { withApp: true, passkey: true })).toMatch(
      /or use your passkey$/,
    );
    expect(factorInstruction("recovery", { withApp: true, passkey: true })).toMatch(
      /^Enter one of your recovery codes or use your passkey$/,
    );
  });

  it("offers a passkey or a recovery code to an account without an authenticator app", () => {
    for (const method of ["code", "recovery"] as const) {
      expect(factorInstruction(method, { withApp: false, passkey: true })).toBe(
        "Use your passkey or a recovery code",
      );
    }
  });
});
