// docs/rules.md, rule 4, step 1, on real SQLite and PostgreSQL databases: failed passwords are limited
// per account (per known browser for a browser with a device cookie) and per client address (an
// IPv6 /64), in the database; successes are never throttled.
import { afterAll, describe, expect, it, vi } from "vitest";
import { databaseBytes, removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

// Counts the password checks themselves, not the responses: the limit is on hashing.
const passwordChecks = vi.hoisted(() => ({ count: 0, onCheck: (count: number) => void count }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...original,
    verifyPassword: (...args: Parameters<typeof original.verifyPassword>) => {
      passwordChecks.onCheck(++passwordChecks.count);
      return original.verifyPassword(...args);
    },
  };
});

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { signInWithPassword } = await import("@/lib/sign-in/password-step");
const { passwordAttemptFailed, reservePasswordAttempt, throttleKeys } =
  await import("@/lib/auth/throttle");
type Reservation = import("@/lib/auth/throttle").Reservation;
const { PASSWORD, addMs, auditEvents, createAccount } = await import("../support/db-accounts");

const T = new Date("2030-01-01T12:00:10Z");
const MINUTE = 60_000;
const INVALID = { ok: false, reason: "invalid" };

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

let addressCounter = 0;
/** A client address of its own for each test, so that per-address counts do not leak across. */
function newAddress() {
  return `198.51.100.${++addressCounter}`;
}

function signIn(email: string, password: string, clientAddress: string, now: Date) {
  return signInWithPassword(
    { email, password },
    { clientAddress, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" },
    now,
  );
}

/** A browser's cookie jar: it sends what it holds and keeps the device cookie it is given. */
function browser() {
  const jar = new Map<string, string>();
  return {
    jar,
    /** The one device cookie this browser was given, by name and value. */
    deviceCookie() {
      expect([...jar.keys()], "the browser holds one device cookie").toHaveLength(1);
      const [name, value] = [...jar][0]!;
      return { name, value };
    },
    async signIn(email: string, password: string, clientAddress: string, now: Date) {
      const result = await signInWithPassword(
        { email, password },
        { clientAddress, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" },
        now,
        (name) => jar.get(name),
      );
      if (result.ok && result.deviceCookie) {
        jar.set(result.deviceCookie.name, result.deviceCookie.value);
      }
      return result;
    },
  };
}

/** Ten wrong passwords from strangers, each from an address of its own: the account is blocked. */
async function blockAccountByStrangers(email: string, now: Date) {
  for (let i = 0; i < 10; i++) {
    expect(await signIn(email, `stranger guess ${i}`, newAddress(), now)).toEqual(INVALID);
  }
  expect(await signIn(email, PASSWORD, newAddress(), now)).toMatchObject({
    ok: false,
    reason: "throttled",
  });
}

describe("per account", () => {
  it("ten wrong passwords block the account for 15 minutes, even with the right password", async () => {
    const account = await createAccount();
    const address = newAddress();
    // The email is compared as typed people type it: case does not make a new account.
    for (let i = 0; i < 10; i++) {
      const typed = i % 2 ? account.email.toUpperCase() : account.email;
      expect(await signIn(typed, `wrong password ${i}`, address, T), `attempt ${i + 1}`).toEqual(
        INVALID,
      );
    }

    expect(await signIn(account.email, PASSWORD, address, T)).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 900,
    });
    // The block is on the account, from any address, and counts down.
    expect(await signIn(account.email, PASSWORD, newAddress(), addMs(T, 5 * MINUTE))).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 600,
    });
    expect(await auditEvents("sign_in_throttled")).toEqual(
      expect.arrayContaining([expect.objectContaining({ subjectEmail: account.email })]),
    );

    const afterBlock = await signIn(account.email, PASSWORD, address, addMs(T, 15 * MINUTE + 1000));
    expect(afterBlock).toMatchObject({ ok: true, userId: account.id });
  });

  it("failures more than 15 minutes apart do not add up", async () => {
    const account = await createAccount();
    const address = newAddress();
    const later = addMs(T, 16 * MINUTE);
    for (const now of [T, later]) {
      for (let i = 0; i < 9; i++) {
        expect(await signIn(account.email, "wrong password", address, now)).toEqual(INVALID);
      }
    }
    expect(await signIn(account.email, PASSWORD, address, later)).toMatchObject({ ok: true });
  });

  it("concurrent wrong passwords are all counted", async () => {
    const account = await createAccount();
    const address = newAddress();
    // Nine at once, on an account with no count yet: the tenth failure must block.
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) => signIn(account.email, `wrong ${i}`, address, T)),
    );
    expect(results).toEqual(Array(9).fill(INVALID));
    expect(await signIn(account.email, "wrong again", address, T)).toEqual(INVALID);
    expect(await signIn(account.email, PASSWORD, address, T)).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 900,
    });
  });
});

describe("under a burst", () => {
  it("100 concurrent wrong passwords check at most 10, and the right one in the burst is refused", async () => {
    const account = await createAccount();
    const address = newAddress();
    passwordChecks.count = 0;
    // The owner's right password arrives while the tenth guess is being hashed.
    let right: ReturnType<typeof signIn> | undefined;
    passwordChecks.onCheck = (count) => {
      if (count === 10) right = signIn(account.email, PASSWORD, address, T);
    };
    const burst = Array.from({ length: 100 }, (_, i) =>
      signIn(account.email, `wrong ${i}`, address, T),
    );
    const results = await Promise.all(burst);
    passwordChecks.onCheck = () => {};
    expect(passwordChecks.count).toBeLessThanOrEqual(10);
    expect(results.filter((r) => r.ok)).toEqual([]);
    expect(results.filter((r) => !r.ok && r.reason === "throttled").length).toBeGreaterThanOrEqual(
      89,
    );
    expect(right).toBeDefined();
    expect(await right).toMatchObject({ ok: false, reason: "throttled" });
    expect(await signIn(account.email, PASSWORD, address, T)).toMatchObject({
      ok: false,
      reason: "throttled",
    });
  });

  it("a counter reserves exactly its limit of concurrent attempts on a new key; the rest wait, and are refused once those fail", async () => {
    const keys = throttleKeys(`race-${newAddress()}@example.com`, newAddress());
    const reserved: Reservation[] = [];
    let blocks = 0;
    const attempts = Array.from({ length: 25 }, async () => {
      const attempt = await reservePasswordAttempt(keys, T);
      if (attempt.ok) reserved.push(attempt.reservation);
      // The tenth reservation: all ten checks fail, and only the tenth failure blocks.
      if (reserved.length === 10) {
        for (const reservation of reserved.splice(0)) {
          if (await passwordAttemptFailed(reservation, T)) blocks++;
        }
      }
      return attempt;
    });
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    // Refused for what is left of the block, less what each waited for the ten checks.
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(15);
    for (const result of refused) {
      expect(result.retryAfterSeconds).toBeGreaterThanOrEqual(840);
      expect(result.retryAfterSeconds).toBeLessThanOrEqual(900);
    }
    expect(blocks).toBe(1);
    expect(await reservePasswordAttempt(keys, T)).toEqual({ ok: false, retryAfterSeconds: 900 });
  });
});

describe("per client address", () => {
  it("30 failures from one address block it for every account, not other addresses", async () => {
    const victim = await createAccount();
    const attacker = newAddress();
    for (let i = 0; i < 30; i++) {
      // One failure per email: no account reaches its own limit.
      expect(await signIn(`nobody${i}@example.com`, "guess", attacker, T)).toEqual(INVALID);
    }

    expect(await signIn(victim.email, PASSWORD, attacker, T)).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 900,
    });
    expect(await signIn(victim.email, PASSWORD, newAddress(), T)).toMatchObject({
      ok: true,
      userId: victim.id,
    });
    expect(
      await signIn(victim.email, PASSWORD, attacker, addMs(T, 15 * MINUTE + 1000)),
    ).toMatchObject({ ok: true });
  });

  it("attempts that a blocked account refuses use up nothing of the address's allowance", async () => {
    const blocked = await createAccount();
    const other = await createAccount();
    await blockAccountByStrangers(blocked.email, T);
    const address = newAddress();
    for (let i = 0; i < 40; i++) {
      expect(await signIn(blocked.email, PASSWORD, address, T)).toEqual({
        ok: false,
        reason: "throttled",
        retryAfterSeconds: 900,
      });
    }

    expect(await signIn(other.email, PASSWORD, address, T)).toMatchObject({
      ok: true,
      userId: other.id,
    });
  });
});

describe("what the counters store (docs/rules.md, rule 23)", () => {
  it("an email that names no account writes no row of its own, and a post the address refuses leaves none for the account", async () => {
    const account = await createAccount();
    const address = newAddress();
    const accountRows = () =>
      db.signInThrottle.count({ where: { key: { startsWith: "account:" } } });
    const before = await accountRows();
    for (let i = 0; i < 30; i++) {
      expect(await signIn(`made-up-${i}@example.com`, "guess", address, T)).toEqual(INVALID);
    }
    expect(await accountRows()).toBe(before);
    expect(await signIn(account.email, PASSWORD, address, T)).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    expect(
      await db.signInThrottle.findUnique({
        where: { key: throttleKeys(account.email, address).account! },
      }),
    ).toBeNull();
    expect(await accountRows()).toBe(before);
  });

  it("a right password leaves no row for its address", async () => {
    const account = await createAccount();
    const address = newAddress();
    expect(await signIn(account.email, PASSWORD, address, T)).toMatchObject({ ok: true });
    const keys = throttleKeys(account.email, address);
    expect(
      await db.signInThrottle.count({ where: { key: { in: [keys.address, keys.account!] } } }),
    ).toBe(0);
  });
});

describe("per client network", () => {
  it("IPv6 addresses in one /64 share the address count, however they are written; another /64 does not", async () => {
    const victim = await createAccount();
    for (let i = 0; i < 30; i++) {
      // Every guess from a different address of 2001:db8:77:1::/64, to a different email.
      const address =
        i % 2 ? `2001:db8:77:1::${(i + 1).toString(16)}` : `2001:DB8:77:1:0:0:0:${i + 1}`;
      expect(await signIn(`v6-nobody${i}@example.com`, "guess", address, T)).toEqual(INVALID);
    }

    expect(await signIn(victim.email, PASSWORD, "2001:db8:77:1:abcd::9", T)).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 900,
    });
    expect(await signIn(victim.email, PASSWORD, "2001:db8:77:2::1", T)).toMatchObject({
      ok: true,
      userId: victim.id,
    });
  });

  it("an IPv4-mapped IPv6 address counts as its IPv4 address", async () => {
    const victim = await createAccount();
    const address = newAddress();
    for (let i = 0; i < 30; i++) {
      const spelling = i % 2 ? `::ffff:${address}` : address;
      expect(await signIn(`v4-nobody${i}@example.com`, "guess", spelling, T)).toEqual(INVALID);
    }
    expect(await signIn(victim.email, PASSWORD, `::FFFF:${address}`, T)).toMatchObject({
      ok: false,
      reason: "throttled",
    });
  });

  it("throttleKeys names one address key for a /64 and one account key for an email", () => {
    const keys = throttleKeys("Someone@Example.com ", "2001:db8:1:2::1");
    expect(throttleKeys("someone@example.com", "2001:0DB8:0001:0002:ffff::")).toEqual(keys);
    expect(throttleKeys("someone@example.com", "2001:db8:1:3::1").address).not.toBe(keys.address);
    expect(throttleKeys("other@example.com", "2001:db8:1:2::1").account).not.toBe(keys.account);
    expect(throttleKeys("someone@example.com", "::ffff:192.0.2.1").address).toBe(
      throttleKeys("someone@example.com", "192.0.2.1").address,
    );
  });
});

describe("a browser that has signed in before (device cookie)", () => {
  it("still signs the owner in while strangers' guesses block the account", async () => {
    const account = await createAccount();
    const owner = browser();
    expect(await owner.signIn(account.email, PASSWORD, newAddress(), T)).toMatchObject({
      ok: true,
    });
    expect(owner.deviceCookie().name).toContain(account.id);

    await blockAccountByStrangers(account.email, addMs(T, MINUTE));
    for (let i = 0; i < 5; i++) {
      expect(
        await signIn(account.email, `more guesses ${i}`, newAddress(), addMs(T, MINUTE)),
      ).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 900 });
    }

    expect(
      await owner.signIn(account.email, PASSWORD, newAddress(), addMs(T, 2 * MINUTE)),
    ).toMatchObject({
      ok: true,
      userId: account.id,
    });
    // The owner's sign-in does not lift the block for everyone else.
    expect(await signIn(account.email, PASSWORD, newAddress(), addMs(T, 2 * MINUTE))).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 840,
    });
  });

  it("has a limit of its own: ten wrong passwords through one device cookie block that cookie", async () => {
    const account = await createAccount();
    const owner = browser();
    await owner.signIn(account.email, PASSWORD, newAddress(), T);
    // Someone who stole the cookie guesses through it, from many addresses.
    for (let i = 0; i < 10; i++) {
      expect(await owner.signIn(account.email, `guess ${i}`, newAddress(), T)).toEqual(INVALID);
    }
    expect(await owner.signIn(account.email, PASSWORD, newAddress(), T)).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 900,
    });
    expect(await auditEvents("sign_in_throttled", account.id)).toHaveLength(1);
    // The guesses went to the cookie's count, not the account's: another browser signs in.
    expect(await signIn(account.email, PASSWORD, newAddress(), T)).toMatchObject({ ok: true });
    expect(
      await owner.signIn(account.email, PASSWORD, newAddress(), addMs(T, 15 * MINUTE + 1000)),
    ).toMatchObject({ ok: true });
  });

  it("signs the owner in behind an address that a crowd's 30 wrong posts blocked, and limits its own guesses (rule 28)", async () => {
    const account = await createAccount();
    const neighbour = await createAccount();
    const owner = browser();
    const sharedAddress = newAddress();
    await owner.signIn(account.email, PASSWORD, newAddress(), T);
    // A crowd behind the owner's NAT: 30 wrong posts, for made-up addresses and (10) a real one.
    for (let i = 0; i < 30; i++) {
      const email = i % 3 === 0 ? neighbour.email : `crowd-${i}@example.com`;
      expect(await signIn(email, `crowd guess ${i}`, sharedAddress, addMs(T, MINUTE))).toEqual(
        INVALID,
      );
    }
    // The address is blocked for everyone without the account's device cookie, right password or not.
    expect(await signIn(neighbour.email, PASSWORD, sharedAddress, addMs(T, MINUTE))).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    expect(
      await owner.signIn(account.email, PASSWORD, sharedAddress, addMs(T, 2 * MINUTE)),
    ).toMatchObject({ ok: true, userId: account.id });
    // The owner's browser still counts its own wrong passwords: ten, and it waits too.
    for (let i = 0; i < 10; i++) {
      expect(
        await owner.signIn(account.email, `typo ${i}`, sharedAddress, addMs(T, 3 * MINUTE)),
      ).toEqual(INVALID);
    }
    expect(
      await owner.signIn(account.email, PASSWORD, sharedAddress, addMs(T, 3 * MINUTE)),
    ).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 900 });
  });

  it("gives no exemption when forged, altered, expired or issued for another account", async () => {
    const account = await createAccount();
    const other = await createAccount();
    const owner = browser();
    await owner.signIn(account.email, PASSWORD, newAddress(), T);
    const { name: cookieName, value: genuine } = owner.deviceCookie();
    const stranger = browser();
    await stranger.signIn(other.email, PASSWORD, newAddress(), T);
    const othersCookie = stranger.deviceCookie().value;
    const [deviceId, expires, mac] = genuine.split(".") as [string, string, string];
    const flip = (text: string) => (text[0] === "A" ? "B" : "A") + text.slice(1);

    await blockAccountByStrangers(account.email, T);
    for (const cookie of [
      othersCookie,
      `${flip(deviceId)}.${expires}.${mac}`,
      `${deviceId}.${Number(expires) + 86_400}.${mac}`,
      `${deviceId}.${expires}.${flip(mac)}`,
      `${deviceId}.${expires}`,
      "",
      "x".repeat(5000),
    ]) {
      const forged = browser();
      forged.jar.set(cookieName, cookie);
      expect(await forged.signIn(account.email, PASSWORD, newAddress(), T), cookie).toMatchObject({
        ok: false,
        reason: "throttled",
      });
    }
    // The other account's cookie under its own name does not help either.
    expect(await stranger.signIn(account.email, PASSWORD, newAddress(), T)).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    expect(await owner.signIn(account.email, PASSWORD, newAddress(), T)).toMatchObject({
      ok: true,
    });

    // After 180 days the cookie has expired: it no longer exempts the owner.
    const later = addMs(T, 181 * 24 * 60 * MINUTE);
    const stale = browser();
    stale.jar.set(cookieName, genuine);
    await blockAccountByStrangers(account.email, later);
    expect(await stale.signIn(account.email, PASSWORD, newAddress(), later)).toMatchObject({
      ok: false,
      reason: "throttled",
    });
  });
});

describe("successes", () => {
  it("are never throttled: 50 sign-ins in a row from one address", async () => {
    const account = await createAccount();
    const address = newAddress();
    for (let i = 0; i < 50; i++) {
      const result = await signIn(account.email, PASSWORD, address, addMs(T, i * 1000));
      expect(result, `sign-in ${i + 1}`).toMatchObject({ ok: true, userId: account.id });
    }
  });

  it("start the account's count again", async () => {
    const account = await createAccount();
    const address = newAddress();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 9; i++) {
        expect(await signIn(account.email, "wrong password", address, T)).toEqual(INVALID);
      }
      expect(await signIn(account.email, PASSWORD, address, T), `round ${round + 1}`).toMatchObject(
        { ok: true },
      );
    }
  });

  it("at once, from one address, all sign in, without a statement failing on either engine", async () => {
    // Each reserves both counters in one statement and releases them in two: eight at once keep
    // reservations and releases of the same two rows interleaved.
    const account = await createAccount();
    const address = newAddress();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => signIn(account.email, PASSWORD, address, T)),
    );
    for (const result of results) expect(result).toMatchObject({ ok: true, userId: account.id });
  });

  it("leave the account's count as a new one: its window opens at the next failure", async () => {
    const account = await createAccount();
    expect(await signIn(account.email, PASSWORD, newAddress(), T)).toMatchObject({ ok: true });
    // Ten failures within 15 minutes of the first, across the quarter hour after the success.
    for (let i = 0; i < 9; i++) {
      const at = addMs(T, 14 * MINUTE);
      expect(await signIn(account.email, `wrong ${i}`, newAddress(), at)).toEqual(INVALID);
    }
    expect(await signIn(account.email, "wrong", newAddress(), addMs(T, 16 * MINUTE))).toEqual(
      INVALID,
    );

    expect(await signIn(account.email, PASSWORD, newAddress(), addMs(T, 16 * MINUTE))).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 900,
    });
  });
});

describe("what a failed sign-in tells and records", () => {
  it("an unknown email and a wrong password get the same answer", async () => {
    const account = await createAccount();
    const address = newAddress();
    const unknown = await signIn("no-such-person@example.com", PASSWORD, address, T);
    const wrong = await signIn(account.email, "not the password", address, T);
    expect(unknown).toEqual(INVALID);
    expect(wrong).toEqual(INVALID);
    expect(unknown).toEqual(wrong);
  });

  it("each failure is audited with the client address and user agent, never the password", async () => {
    const account = await createAccount();
    const address = newAddress();
    const typedPassword = "Typed-Password-Never-Stored-42";
    const typedEmail = "stranger-never-stored@example.com";
    await signIn(`  ${account.email.toUpperCase()} `, typedPassword, address, T);
    await signIn(typedEmail, typedPassword, address, T);

    const events = (await auditEvents("sign_in_failed")).filter((e) => e.clientAddress === address);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      subjectId: account.id,
      subjectEmail: account.email,
      clientAddress: address,
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
    });
    expect(JSON.parse(events[0]!.details!)).toEqual({ reason: "wrong_password" });
    // An unknown email is not named: what was typed could have been a password.
    expect(events[1]).toMatchObject({
      subjectId: null,
      subjectEmail: null,
      clientAddress: address,
    });
    expect(JSON.parse(events[1]!.details!)).toEqual({ reason: "unknown_email" });
    const stored = databaseBytes(dataDir);
    expect(stored.includes(typedPassword)).toBe(false);
    expect(stored.includes(typedEmail)).toBe(false);
  });

  it("a password typed into the email field is stored nowhere, not even when it triggers a block", async () => {
    const passwordAsEmail = "Hunter2-Typed-Into-The-Email-Field";
    // It names no account, so it counts against the address: 31 posts block that.
    const addresses = [newAddress()];
    for (let i = 0; i < 31; i++)
      await signIn(passwordAsEmail, `second guess ${i}`, addresses[0]!, T);
    const stored = databaseBytes(dataDir);
    expect(stored.includes(passwordAsEmail)).toBe(false);
    expect(stored.includes(passwordAsEmail.toLowerCase())).toBe(false);
    // The block was still recorded, naming no one.
    const events = (await db.auditEvent.findMany()).filter((e) =>
      addresses.includes(e.clientAddress!),
    );
    expect(events.map((e) => e.type)).toContain("sign_in_throttled");
    for (const event of events)
      expect(event).toMatchObject({ subjectId: null, subjectEmail: null });
  });

  it("input that is not an email and a password is invalid, not an error", async () => {
    const address = newAddress();
    const context = { clientAddress: address, userAgent: null };
    for (const input of [
      null,
      "text",
      {},
      { email: 1, password: 2 },
      { email: "", password: "x" },
      { email: "a@example.com", password: "" },
      { email: "a@example.com", password: "x".repeat(100_000) },
      { email: `${"a".repeat(400)}@example.com`, password: "x" },
    ]) {
      expect(await signInWithPassword(input, context, T)).toEqual(INVALID);
    }
  });
});
