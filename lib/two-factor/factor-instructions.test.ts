import { describe, expect, it } from "vitest";
import { catalogues } from "@/words/catalogue";
import { factorInstruction } from "./factor-instructions";

// The English words each instruction stands for, as /login/verify and a reset link show them.
const onResetLink = catalogues.en.login.reset.instruction;
const onVerify = catalogues.en.login.verify.instruction;

describe("factorInstruction", () => {
  it("asks for the 6-digit code while the code field is shown", () => {
    const key = factorInstruction("code", { withApp: true, passkey: false });
    expect(key).toBe("code");
    expect(onVerify.code).toBe("Enter the 6-digit code from your authenticator app for {email}.");
  });

  it("asks for a recovery code, never the 6-digit code, once 'Use a recovery code' is chosen", () => {
    const key = factorInstruction("recovery", { withApp: true, passkey: false });
    expect(key).toBe("recovery");
    expect(onVerify.recovery).toBe("Enter one of your recovery codes for {email}.");
    expect(onResetLink.recovery).not.toMatch(/6-digit/);
  });

  it("names the passkey where the form offers one", () => {
    const code = factorInstruction("code", { withApp: true, passkey: true });
    const recovery = factorInstruction("recovery", { withApp: true, passkey: true });
    expect(onResetLink[code]).toMatch(/or use your passkey as well\.$/);
    expect(onResetLink[recovery]).toBe(
      "Enter one of your recovery codes or use your passkey as well.",
    );
  });

  it("offers a passkey or a recovery code to an account without an authenticator app", () => {
    for (const method of ["code", "recovery"] as const) {
      const key = factorInstruction(method, { withApp: false, passkey: true });
      expect(key).toBe("withoutApp");
      expect(onResetLink[key]).toBe("Use your passkey or a recovery code as well.");
    }
  });
});
