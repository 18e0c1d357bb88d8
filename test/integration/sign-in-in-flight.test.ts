// docs/rules.md, rule 32, on real SQLite and PostgreSQL databases: a right password is refused
// only where failures that have happened fill an allowance. Checks still in flight make a new
// attempt wait for them, never refuse it for the window; at most the limit is ever checked at
// once; and checks that died with their server hold nothing once their lease runs out.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

/**
 * The password checks themselves (argon2id), counted; `holdFor(n)` keeps every check waiting
 * until n are in flight at once, so that a burst really fills an allowance with checks in flight
 * (a saturated server queues them so).
 */
const checks = vi.hoisted(() => ({
  count: 0,
  inFlight: 0,
  most: 0,
  holdUntil: 0,
  release: () => {},
  held: Promise.resolve(),
}));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...original,
    verifyPassword: async (...args: Parameters<typeof original.verifyPassword>) => {
      checks.count++;
      checks.most = Math.max(checks.most, ++checks.inFlight);
      if (checks.inFlight >= checks.holdUntil) checks.release();
      await checks.held;
      try {
        return await original.verifyPassword(...args);
      } finally {
        checks.inFlight--;
      }
    },
  };
});

/** A fake clock for the wait (on when `fake`): a pause moves it on at once, and runs `onPause`. */
const clock = vi.hoisted(() => ({ fake: false, ms: 0, pauses: 0, onPause: async () => {} }));
vi.mock("@/lib/auth/throttle-wait", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/throttle-wait")>();
  return {
    ...original,
    waitClock: () => (clock.fake ? clock.ms : original.waitClock()),
    pause: async (ms: number) => {
      if (!clock.fake) return original.pause(ms);
      clock.pauses++;
      clock.ms += ms;
      await clock.onPause();
    },
  };
});

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { signInWithPassword } = await import("@/lib/sign-in/password-step");
const { reservePasswordAttempt, throttleKeys } = await import("@/lib/auth/throttle");
const { leaseGeneration, WAIT_UP_TO_MS } = await import("@/lib/auth/throttle-wait");
const { PASSWORD, addMs, createAccount } = await import("../support/db-accounts");

// The start of a lease generation: a check reserved now counts for exactly 20 s.
const T = new Date("2030-01-01T12:00:10Z");
const SECOND = 1000;

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

beforeEach(() => {
  Object.assign(checks, { count: 0, most: 0, holdUntil: 0, held: Promise.resolve() });
  Object.assign(clock, { fake: false, ms: 0, pauses: 0, onPause: async () => {} });
});

function holdFor(n: number) {
  checks.holdUntil = n;
  checks.held = new Promise((resolve) => (checks.release = resolve));
}

let addressCounter = 0;
const newAddress = () => `192.0.2.${++addressCounter}`;

function signIn(email: string, password: string, clientAddress: string, now: Date) {
  return signInWithPassword({ email, password }, { clientAddress, userAgent: "vitest" }, now);
}

/** The wait a refusal names, in seconds, is between `from` and `to`. */
function expectWait(result: object, from: number, to: number) {
  const { retryAfterSeconds } = result as { retryAfterSeconds?: number };
  expect(retryAfterSeconds).toBeGreaterThanOrEqual(from);
  expect(retryAfterSeconds).toBeLessThanOrEqual(to);
}

const rowOf = (key: string) => db.signInThrottle.findUnique({ where: { key } });

describe("checks in flight", () => {
  it("40 right passwords at once from one address all sign in; never more than 30 are checked at once", async () => {
    const accounts = await Promise.all(Array.from({ length: 20 }, () => createAccount()));
    const address = newAddress();
    holdFor(30);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn(accounts[i % 20]!.email, PASSWORD, address, T)),
    );
    for (const [i, result] of results.entries()) {
      expect(result, `sign-in ${i + 1}`).toMatchObject({ ok: true, userId: accounts[i % 20]!.id });
    }
    // The address's allowance was full of checks in flight, and ten waited for them.
    expect(checks.most).toBe(30);
    expect(checks.count).toBe(40);
    expect(await rowOf(throttleKeys(null, address).address)).toBeNull();
  });

  it("30 wrong passwords at once for one account check its limit of 10, and the rest are refused for the window", async () => {
    const account = await createAccount();
    const address = newAddress();
    holdFor(10);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(account.email, `wrong ${i}`, address, T)),
    );
    expect(checks.count).toBe(10);
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(10);
    const refused = results.filter((r) => !r.ok && r.reason === "throttled");
    expect(refused).toHaveLength(20);
    // The wait each names is what is left of the block the ten failures set, less what it waited.
    for (const result of refused) expectWait(result, 840, 900);
    expect(await signIn(account.email, PASSWORD, address, T)).toMatchObject({
      ok: false,
      reason: "throttled",
    });
  });

  it("40 wrong passwords at once from one address, to made-up emails, check its limit of 30", async () => {
    const address = newAddress();
    holdFor(30);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn(`nobody-${i}@example.com`, "x", address, T)),
    );
    expect(checks.count).toBe(30);
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(30);
    const refused = results.filter((r) => !r.ok && r.reason === "throttled");
    expect(refused).toHaveLength(10);
    for (const result of refused) expectWait(result, 840, 900);
  });

  it("a right password behind nine failures and a check in flight waits for that check: refused only once it fails", async () => {
    const account = await createAccount();
    for (let i = 0; i < 9; i++) await signIn(account.email, `wrong ${i}`, newAddress(), T);
    checks.count = 0;
    holdFor(2);
    clock.fake = true;
    // The tenth guess is in flight when the owner's right password arrives (the guess reserved
    // its check first); while the owner waits, the guess fails.
    const guess = signIn(account.email, "tenth guess", newAddress(), T);
    await vi.waitFor(() => expect(checks.inFlight).toBe(1));
    clock.onPause = async () => {
      checks.release();
      await guess;
    };
    const owner = await signIn(account.email, PASSWORD, newAddress(), T);
    expect(await guess).toEqual({ ok: false, reason: "invalid" });
    expect(clock.pauses).toBeGreaterThanOrEqual(1);
    expect(owner).toMatchObject({ ok: false, reason: "throttled" });
    expectWait(owner, 840, 900);
    expect(checks.count).toBe(1);
  });
});

describe("checks that died with their server", () => {
  /** 30 checks reserved on the address and never settled: the server was killed. */
  async function abandonedChecks(address: string, at: Date) {
    const keys = throttleKeys(null, address);
    const reserved = await Promise.all(
      Array.from({ length: 30 }, () => reservePasswordAttempt(keys, at)),
    );
    expect(reserved.every((r) => r.ok)).toBe(true);
    return keys.address;
  }

  it("hold an address only until their lease runs out: a right password waits, then signs in", async () => {
    const account = await createAccount();
    const address = newAddress();
    const key = await abandonedChecks(address, T);
    clock.fake = true;
    expect(await signIn(account.email, PASSWORD, address, addMs(T, 5 * SECOND))).toMatchObject({
      ok: true,
      userId: account.id,
    });
    // It waited (on the fake clock) until the leases, 20 s from T, ran out: 15 s, not 15 minutes.
    expect(clock.ms).toBeGreaterThanOrEqual(15 * SECOND);
    expect(clock.ms).toBeLessThanOrEqual(15 * SECOND + 250);
    // Nothing of them is left: no lock, no row.
    expect(await rowOf(key)).toBeNull();
  });

  it("are nothing after a restart that takes longer than their lease", async () => {
    const account = await createAccount();
    const address = newAddress();
    await abandonedChecks(address, T);
    clock.fake = true;
    const restarted = addMs(T, 20 * SECOND);
    expect(await signIn(account.email, PASSWORD, address, restarted)).toMatchObject({ ok: true });
    expect(clock.pauses).toBe(0);
  });

  it("a stream of checks keeping the allowance in flight for the whole wait gets the real, short wait", async () => {
    const account = await createAccount();
    const address = newAddress();
    const key = await abandonedChecks(address, T);
    clock.fake = true;
    // Every pause, new checks fill the allowance again in the generation of the moment.
    clock.onPause = async () => {
      const generation = leaseGeneration(addMs(T, clock.ms));
      await db.signInThrottle.update({
        where: { key },
        data: { inFlight: 30, inFlightBefore: 0, inFlightGeneration: generation },
      });
    };
    const result = await signIn(account.email, PASSWORD, address, T);
    expect(clock.ms).toBeLessThanOrEqual(WAIT_UP_TO_MS);
    expect(result).toMatchObject({ ok: false, reason: "throttled" });
    // Until the lease of the checks in its way runs out: at most two generations, 20 s.
    expectWait(result, 1, 20);
    expect(checks.count).toBe(0);
  });
});
