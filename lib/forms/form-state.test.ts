import { describe, expect, it } from "vitest";
import { errorState, fieldError, idleState } from "./form-state";

describe("fieldError", () => {
  it("points both fields of one wrong password-or-code at the form's alert, so it is said once", () => {
    const message = "Your password or code is not valid.";
    const state = errorState(message, { password: message, code: message });
    expect(fieldError(state, "password", "disable-message")).toEqual({
      errorId: "disable-message",
    });
    expect(fieldError(state, "code", "disable-message")).toEqual({ errorId: "disable-message" });
  });

  it("writes a field's own message under the field", () => {
    const state = errorState("Check the highlighted fields.", { code: "Enter the code." });
    expect(fieldError(state, "code", "m")).toEqual({ error: "Enter the code." });
  });

  it("marks nothing on a field the refusal is not about, or before any refusal", () => {
    expect(fieldError(errorState("Wrong.", { code: "Wrong." }), "password", "m")).toEqual({});
    expect(fieldError(idleState, "code", "m")).toEqual({});
  });
});
