// The protection history, replayed backwards from today's exact counts through the security log
// (docs/architecture.md, "Security overview"). Pure: the database reads are in history.ts.

import type { Role } from "./protection-counts";

export const HISTORY_DAYS = 90;
const DAY_MS = 86_400_000;

/** What an account's protection depends on, at one moment. `exists` is false before creation. */
export type AccountState = {
  exists: boolean;
  active: boolean;
  role: string;
  authenticatorApp: boolean;
  passkeys: number;
};

/** One event of the log that changed a state above, as stored. */
export type StateEvent = { at: Date; subjectId: string; type: string; details: string | null };

export type Tally = { accounts: number; protectedCount: number };
export type DayFigures = { day: Date; byRole: Record<Role, Tally> };

/** The event types the replay undoes; every other type leaves protection as it was. */
export const STATE_EVENT_TYPES = [
  "account_created",
  "account_deactivated",
  "account_reactivated",
  "account_updated",
  "two_factor_enabled",
  "two_factor_disabled",
  "two_factor_reset",
  "passkey_added",
  "passkey_removed",
] as const;

function parse(details: string | null): Record<string, unknown> {
  try {
    const value: unknown = details ? JSON.parse(details) : null;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The state just before `event`, from the state just after it. */
export function undo(after: AccountState, event: StateEvent): AccountState {
  const d = parse(event.details);
  switch (event.type) {
    case "account_created":
      return { ...after, exists: false };
    case "account_deactivated":
      return { ...after, active: true };
    case "account_reactivated":
      return { ...after, active: false };
    case "account_updated": {
      const [from] = typeof d.role === "string" ? d.role.split("->") : [];
      return from ? { ...after, role: from } : after;
    }
    case "two_factor_enabled":
      return { ...after, authenticatorApp: false };
    case "two_factor_disabled":
      return { ...after, authenticatorApp: true };
    case "two_factor_reset":
      // A reset logged before resets recorded what they removed: it was offered only to an
      // account with a second factor, most often an authenticator app.
      return typeof d.passkeys === "number"
        ? { ...after, authenticatorApp: d.authenticatorApp === true, passkeys: d.passkeys }
        : { ...after, authenticatorApp: true, passkeys: 0 };
    case "passkey_added":
      return { ...after, passkeys: Math.max(0, after.passkeys - 1) };
    case "passkey_removed":
      return { ...after, passkeys: after.passkeys + 1 };
    default:
      return after;
  }
}

function add(tallies: Record<Role, Tally>, state: AccountState, sign: 1 | -1) {
  if (!state.exists || !state.active) return;
  const tally = tallies[state.role as Role];
  if (!tally) return;
  tally.accounts += sign;
  if (state.authenticatorApp || state.passkeys > 0) tally.protectedCount += sign;
}

/** Midnight UTC of `at`'s day. */
export function startOfDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

/**
 * The figures at the end of each of the last `days` days (today's: now), oldest first. `today`:
 * the counts now; `current`: the state now of every account the events name; `events`: the
 * window's state events, any order. Cost: one pass over the events.
 */
export function replayHistory(
  now: Date,
  today: Record<Role, Tally>,
  current: Map<string, AccountState>,
  events: StateEvent[],
  days = HISTORY_DAYS,
): DayFigures[] {
  const tallies: Record<Role, Tally> = {
    ADMIN: { ...today.ADMIN },
    CUSTOMER: { ...today.CUSTOMER },
  };
  const states = new Map(current);
  const newestFirst = [...events].sort((a, b) => b.at.getTime() - a.at.getTime());
  const result: DayFigures[] = [];
  let next = 0;
  for (let back = 0; back < days; back++) {
    // The day `back` days ago, up to its end (today's: up to now, events of this moment included).
    const day = new Date(startOfDay(now).getTime() - back * DAY_MS);
    const end = back === 0 ? new Date(now.getTime() + 1) : new Date(day.getTime() + DAY_MS);
    while (next < newestFirst.length && newestFirst[next]!.at >= end) {
      const event = newestFirst[next++]!;
      const after = states.get(event.subjectId);
      if (!after) continue;
      const before = undo(after, event);
      add(tallies, after, -1);
      add(tallies, before, 1);
      states.set(event.subjectId, before);
    }
    result.push({
      day,
      byRole: { ADMIN: { ...tallies.ADMIN }, CUSTOMER: { ...tallies.CUSTOMER } },
    });
  }
  return result.reverse();
}
