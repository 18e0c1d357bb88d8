import { describe, expect, it } from "vitest";
import { replayHistory, startOfDay, undo, type AccountState } from "./history-replay";

const DAY = 86_400_000;
const NOW = new Date("2026-12-07T15:00:00Z");
const ago = (days: number) => new Date(startOfDay(NOW).getTime() - days * DAY + DAY / 2);
const state: AccountState = {
  exists: true,
  active: true,
  role: "CUSTOMER",
  authenticatorApp: false,
  passkeys: 1,
};

describe("undoing an event", () => {
  it("puts back a removed passkey and takes away an added one", () => {
    const at = NOW;
    expect(undo(state, { at, subjectId: "a", type: "passkey_added", details: null }).passkeys).toBe(
      0,
    );
    expect(
      undo(state, { at, subjectId: "a", type: "passkey_removed", details: null }).passkeys,
    ).toBe(2);
  });

  it("reads what a reset removed, and assumes an app for a reset logged without it", () => {
    const after = { ...state, passkeys: 0 };
    const recorded = '{"authenticatorApp":false,"passkeys":2}';
    expect(
      undo(after, { at: NOW, subjectId: "a", type: "two_factor_reset", details: recorded }),
    ).toMatchObject({ authenticatorApp: false, passkeys: 2 });
    expect(
      undo(after, { at: NOW, subjectId: "a", type: "two_factor_reset", details: null }),
    ).toMatchObject({ authenticatorApp: true, passkeys: 0 });
  });

  it("leaves other events and unreadable details alone", () => {
    expect(
      undo(state, { at: NOW, subjectId: "a", type: "sign_in_succeeded", details: null }),
    ).toEqual(state);
    expect(undo(state, { at: NOW, subjectId: "a", type: "account_updated", details: "{" })).toEqual(
      state,
    );
  });
});

describe("replaying the window", () => {
  it("counts a passkey-only account as protected from the day it was added", () => {
    const history = replayHistory(
      NOW,
      { ADMIN: { accounts: 0, protectedCount: 0 }, CUSTOMER: { accounts: 1, protectedCount: 1 } },
      new Map([["a", state]]),
      [
        { at: ago(6), subjectId: "a", type: "passkey_added", details: null },
        { at: ago(9), subjectId: "a", type: "account_created", details: null },
      ],
      12,
    );
    const customers = history.map((day) => [
      day.byRole.CUSTOMER.accounts,
      day.byRole.CUSTOMER.protectedCount,
    ]);
    expect(customers).toEqual([
      [0, 0],
      [0, 0],
      [1, 0],
      [1, 0],
      [1, 0],
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    expect(history[11]!.day).toEqual(startOfDay(NOW));
  });
});
