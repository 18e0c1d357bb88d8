import "server-only";
import { keyedHash } from "@/lib/crypto/keyed-hash";
import { clientNetwork } from "@/lib/http/client-address";
import { newLease, type Lease } from "./throttle-lease";
import {
  checkFailed,
  countRequest,
  readCounters,
  reserveChecks,
  returnCheck,
  type Counter,
} from "./throttle-rows";
import {
  checkSettled,
  FIRST_PAUSE_MS,
  leaseGeneration,
  LEASE_GENERATION_MS,
  nextPause,
  pause,
  WAIT_UP_TO_MS,
  waitClock,
} from "./throttle-wait";

/**
 * Password limits, per account (or per known browser) and per client address. Each check reserves
 * its attempt with one conditional write before the password is hashed, where the failures that
 * have happened and the checks in flight together leave room, so however many guesses arrive at
 * once, at most the limit is ever checked. A right password gives its reservation back, a wrong
 * one turns it into a failure. An attempt that finds the room taken only by checks in flight waits
 * for them; only failures refuse it for the window (docs/rules.md, rule 32).
 */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const THROTTLE_BLOCK_MS = 15 * 60_000;
export const ACCOUNT_FAILURE_LIMIT = 10;
export const DEVICE_FAILURE_LIMIT = 10;
export const ADDRESS_FAILURE_LIMIT = 30;

/**
 * `account` is absent when the email names no account; `device` is set when the browser showed a
 * valid device cookie for the account.
 */
export type ThrottleKeys = { account?: string; address: string; device?: string };

export type { Counter };
export { whileChecking } from "./throttle-lease";

/** A check reserved: on which counters, and its lease (lib/auth/throttle-lease.ts). */
export type Reservation = { keys: ThrottleKeys } & Lease;

export type PasswordAttempt =
  { ok: true; reservation: Reservation } | { ok: false; retryAfterSeconds: number };

/**
 * The counters' keys. The email is stored only as a keyed hash: what is typed as an email may be
 * a password, and must not land in the database. `email` is null when what was typed names no
 * account: those attempts count against the address alone, so typing a new address each time
 * writes no row per address typed (docs/rules.md, rule 23). The address counts per network (an
 * IPv6 /64). `deviceId` comes from a verified device cookie (lib/auth/device-cookies.ts).
 */
export function throttleKeys(
  email: string | null,
  clientAddress: string,
  deviceId?: string,
): ThrottleKeys {
  return {
    ...(email !== null
      ? { account: `account:${keyedHash("throttle-account", email.trim().toLowerCase())}` }
      : {}),
    address: `address:${clientNetwork(clientAddress)}`,
    ...(deviceId ? { device: `device:${deviceId}` } : {}),
  };
}

/**
 * The counters an attempt is reserved on. A browser that has passed this account's password
 * before counts against its own allowance alone, neither the account's shared one nor its
 * address's: strangers filling either, a crowd behind the owner's NAT included, do not lock the
 * owner out, and a stolen device cookie is limited on its own (docs/rules.md, rules 4 and 28).
 * Everyone else counts against the account (when the email names one) and the address.
 */
function countersFor(keys: ThrottleKeys): Counter[] {
  if (keys.device) return [{ key: keys.device, limit: DEVICE_FAILURE_LIMIT }];
  const address = { key: keys.address, limit: ADDRESS_FAILURE_LIMIT };
  return keys.account ? [{ key: keys.account, limit: ACCOUNT_FAILURE_LIMIT }, address] : [address];
}

/** Counts one request (reset requests: no check to wait for); false when the counter is full. */
export async function reserve({ key, limit, windowMs }: Counter, now: Date): Promise<boolean> {
  return countRequest({ key, limit }, now, windowMs ?? THROTTLE_WINDOW_MS);
}

type Verdict = { refused: boolean; room: boolean; until: number };

/**
 * Whether a counter has room at `at`, and if not why and until when: refused while blocked or full
 * of failures (until the block or window ends), else busy with checks in flight (until the
 * earliest lease among them runs out; sooner if one settles). A missing row has room.
 */
async function verdicts(counters: Counter[], at: Date): Promise<Verdict[]> {
  const rows = await readCounters(counters.map(({ key }) => key));
  const e = leaseGeneration(at);
  return rows.map((row) => {
    const limit = counters.find(({ key }) => key === row.key)!.limit;
    if (row.blockedUntil && row.blockedUntil > at) {
      return { refused: true, room: false, until: row.blockedUntil.getTime() };
    }
    const windowEnds = row.windowStart.getTime() + THROTTLE_WINDOW_MS;
    const failures = !row.blockedUntil && windowEnds > at.getTime() ? row.failures : 0;
    if (failures >= limit) return { refused: true, room: false, until: windowEnds };
    const g = row.inFlightGeneration;
    const inFlight = g >= e ? row.inFlight + row.inFlightBefore : g === e - 1 ? row.inFlight : 0;
    const lapses = g >= e && row.inFlightBefore > 0 ? g + 1 : g + 2;
    return {
      refused: false,
      room: failures + inFlight < limit,
      until: lapses * LEASE_GENERATION_MS,
    };
  });
}

const secondsUntil = (until: number, at: Date) =>
  Math.max(1, Math.ceil((until - at.getTime()) / 1000));

/**
 * Reserves one password check against the account (or device) and the address, before hashing.
 * Where only checks in flight are in the way it waits for them up to WAIT_UP_TO_MS: it reads the
 * counters after each pause (woken early when a check of this process settles) and tries again
 * once they have room. A refusal names the real wait: the block's or window's end, or after the
 * longest wait, when the leases in its way run out.
 */
export async function reservePasswordAttempt(
  keys: ThrottleKeys,
  now: Date,
): Promise<PasswordAttempt> {
  const counters = countersFor(keys);
  const started = waitClock();
  let room = true;
  for (let pauseMs = FIRST_PAUSE_MS; ; pauseMs = nextPause(pauseMs)) {
    const at = new Date(now.getTime() + Math.floor(waitClock() - started));
    if (room) {
      const taken = await reserveChecks(counters, at, THROTTLE_WINDOW_MS, leaseGeneration(at));
      if (taken.size === counters.length) {
        return { ok: true, reservation: { keys, ...newLease(at, taken) } };
      }
      // A counter had no room: what the other took is given back at once.
      for (const [key, r] of taken) await returnCheck(key, r, at, THROTTLE_WINDOW_MS, false);
    }
    const found = await verdicts(counters, at);
    const refused = found.filter((verdict) => verdict.refused);
    const busy = found.filter((verdict) => !verdict.room);
    const until = Math.max(at.getTime(), ...(refused.length ? refused : busy).map((v) => v.until));
    if (refused.length) return { ok: false, retryAfterSeconds: secondsUntil(until, at) };
    // Room now, after a reservation that just found none (a race): it tries again after a pause.
    const tried = room;
    room = busy.length === 0;
    if (room && !tried) continue;
    if (waitClock() - started + pauseMs > WAIT_UP_TO_MS) {
      return { ok: false, retryAfterSeconds: secondsUntil(until, at) };
    }
    await pause(pauseMs);
  }
}

/**
 * The right password: the address's reservation is returned and the count of the account (or of
 * the known browser) restarts. The owner signing in from a known browser leaves the account's
 * shared count alone, so it does not hand strangers a fresh allowance. Single-row statements, not
 * one: a statement that locked both rows could take them in the other order than `reserveChecks`
 * does, and deadlock with it on PostgreSQL.
 */
export async function passwordAttemptSucceeded({ keys, generations }: Reservation, now: Date) {
  const [own, address] = countersFor(keys);
  const generation = (key: string) => generations.get(key) ?? leaseGeneration(now);
  if (address) {
    await returnCheck(address.key, generation(address.key), now, THROTTLE_WINDOW_MS, false);
  }
  await returnCheck(own!.key, generation(own!.key), now, THROTTLE_WINDOW_MS, true);
  checkSettled();
}

/** A wrong password turns its reservations into failures; one that reaches a limit blocks. */
export async function passwordAttemptFailed(
  { keys, generations }: Reservation,
  now: Date,
): Promise<boolean> {
  let blocked = false;
  const until = new Date(now.getTime() + THROTTLE_BLOCK_MS);
  for (const counter of countersFor(keys)) {
    const r = generations.get(counter.key) ?? leaseGeneration(now);
    blocked = (await checkFailed(counter, r, now, THROTTLE_WINDOW_MS, until)) || blocked;
  }
  checkSettled();
  return blocked;
}
