// docs/rules.md, rule 23 on real SQLite and PostgreSQL databases: what anonymous (and pending)
// clients send leaves a few rows per client address, bounded by the limits and not by the number
// of requests, and the storage sweep deletes them once they expire, one instance per period.
// bench/storage.ts runs the full 100,000 requests per kind; this file a few hundred, which
// exceeds every limit many times over (minutes on a busy machine: hence their own timeouts).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

// The limits ration the password checks; storage is what is measured here, so argon2id is skipped.
// (No request here types the right password: every check is false.)
vi.mock("@/lib/auth/password", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/password")>()),
  verifyPassword: async () => false,
}));

process.env.NEXTAUTH_URL = "http://localhost:3000";
const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { saveSettings } = await import("@/lib/settings/settings");
const { ADDRESS_FAILURE_LIMIT } = await import("@/lib/auth/throttle");
const { REQUESTS_PER_ADDRESS, REQUESTS_PER_CLIENT } =
  await import("@/lib/password-reset/request-reset");
const { LIVE_CHALLENGES_PER_PURPOSE } = await import("@/lib/passkeys/challenges");
const { KINDS, rowCounts, rowsAdded, sendAnonymous } = await import("../support/anonymous-traffic");
const { addMs, createAccount } = await import("../support/db-accounts");

const T = new Date("2030-05-01T08:00:00Z");
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

beforeAll(async () => {
  await saveSettings({ twoFactorEnabled: true, companyName: "Acme", allowPasskeys: true });
  const smtp = { smtpHost: "127.0.0.1", fromAddress: "appmail@example.com" };
  await db.emailSettings.upsert({ where: { id: 1 }, create: { id: 1, ...smtp }, update: smtp });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

/** Rows that name no account in the security log: what the anonymous requests wrote there. */
const anonymousAuditRows = () => db.auditEvent.count({ where: { subjectId: null } });

/** Everything the sender would have done by then: each queued message sent (or failed). */
const senderFinished = () =>
  db.outboxMessage.updateMany({ where: { status: "QUEUED" }, data: { status: "SENT" } });

/** The sweep, as the background process runs it (imported late: it is new with rule 23). */
const sweep = async (now: Date) =>
  (await import("@/lib/maintenance/storage-sweep")).sweepStorage(now);

describe("anonymous requests", () => {
  it("200 of every kind from one client leave a few rows, and after they expire one sweep leaves none", async () => {
    const account = await createAccount();
    const before = await rowCounts();
    const anonymousBefore = await anonymousAuditRows();
    const perKind = 200;
    // A request every 5 ms (200 a second, the figure), the kinds interleaved.
    for (let n = 0; n < perKind * KINDS.length; n++) {
      const kind = KINDS[n % KINDS.length]!;
      await sendAnonymous(kind, account, "192.0.2.10", addMs(T, n * 5), n);
    }
    const added = rowsAdded(before, await rowCounts());
    // One counter per client network for passwords and one for resets; the real account's two.
    expect(added.SignInThrottle).toBeLessThanOrEqual(4);
    expect(added.PasskeyChallenge).toBeLessThanOrEqual(LIVE_CHALLENGES_PER_PURPOSE);
    expect(added.PasswordResetToken).toBeLessThanOrEqual(REQUESTS_PER_ADDRESS);
    expect(added.OutboxMessage).toBeLessThanOrEqual(REQUESTS_PER_ADDRESS);
    expect(added.SignIn).toBe(0);
    // The security log records what the limits let through, not every request.
    expect(added.AuditEvent).toBeLessThanOrEqual(ADDRESS_FAILURE_LIMIT + REQUESTS_PER_CLIENT + 2);

    await senderFinished();
    await sweep(addMs(T, 31 * DAY));
    const swept = rowsAdded(before, await rowCounts());
    expect(swept).toMatchObject({
      SignInThrottle: 0,
      PasskeyChallenge: 0,
      PasswordResetToken: 0,
      OutboxMessage: 0,
      SignIn: 0,
    });
    expect(await anonymousAuditRows()).toBe(anonymousBefore);
  }, 240_000);

  it("150 from each of 20 addresses (every kind, against one account) leave at most a few rows per address", async () => {
    const account = await createAccount();
    const addresses = Array.from({ length: 20 }, (_, i) => `198.51.100.${i + 1}`);
    const before = await rowCounts();
    const perAddress = 150;
    let n = 0;
    for (let round = 0; round < perAddress; round += KINDS.length) {
      for (const address of addresses) {
        for (const kind of KINDS) {
          await sendAnonymous(kind, account, address, addMs(T, 40 * DAY + n * 5), n);
          n++;
        }
      }
    }
    const added = rowsAdded(before, await rowCounts());
    // Per address: its password and its reset counter; shared: the account's two.
    expect(added.SignInThrottle).toBeLessThanOrEqual(2 * addresses.length + 2);
    expect(added.PasskeyChallenge).toBeLessThanOrEqual(LIVE_CHALLENGES_PER_PURPOSE);
    expect(added.PasswordResetToken).toBeLessThanOrEqual(REQUESTS_PER_ADDRESS);
    expect(added.SignIn).toBe(0);
    expect(added.AuditEvent).toBeLessThanOrEqual(
      addresses.length * (ADDRESS_FAILURE_LIMIT + REQUESTS_PER_CLIENT + 2),
    );

    await senderFinished();
    await sweep(addMs(T, 80 * DAY));
    expect(rowsAdded(before, await rowCounts())).toMatchObject({
      SignInThrottle: 0,
      PasskeyChallenge: 0,
      PasswordResetToken: 0,
      OutboxMessage: 0,
      SignIn: 0,
    });
    expect(await anonymousAuditRows()).toBe(0);
  }, 240_000);
});

describe("the sweep", () => {
  it("runs on one of several instances per period: one conditional claim of its lease", async () => {
    const { claimSweep, SWEEP_EVERY_MS } = await import("@/lib/maintenance/storage-sweep");
    const { sweepStorageIfDue } = await import("@/lib/maintenance/sweep-schedule");
    const at = addMs(T, 200 * DAY);
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) => claimSweep(at, `instance-${i}`)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    // Nobody sweeps again within the period; the first to ask after it does.
    expect(await sweepStorageIfDue(addMs(at, SWEEP_EVERY_MS - 1000), "instance-1")).toBeNull();
    expect(await sweepStorageIfDue(addMs(at, SWEEP_EVERY_MS), "instance-2")).not.toBeNull();
    expect(await sweepStorageIfDue(addMs(at, SWEEP_EVERY_MS), "instance-3")).toBeNull();
  });

  it("keeps a completed sign-in 90 days after it ended or expired, and an unfinished one only until it expires", async () => {
    const { ENDED_SIGN_IN_RETENTION_MS } = await import("@/lib/maintenance/sign-ins-over");
    const { openSignIn, endSignIn, UNFINISHED_MAX_AGE_MS } =
      await import("@/lib/auth/sign-in-rows");
    const account = { ...(await createAccount()), sessionVersion: 1 };
    const context = { clientAddress: "203.0.113.9", userAgent: "storage-test/1.0" };
    const at = addMs(T, 300 * DAY);
    const ended = await openSignIn(account, "COMPLETE", context, at);
    await endSignIn(ended, addMs(at, MINUTE));
    const expired = await openSignIn(account, "COMPLETE", context, at);
    const unfinished = await openSignIn(account, "AWAITING_CODE", context, at);
    const left = async () =>
      (await db.signIn.findMany({ where: { userId: account.id }, select: { id: true } }))
        .map((row) => row.id)
        .sort();

    await sweep(addMs(at, UNFINISHED_MAX_AGE_MS - 1000));
    expect(await left()).toEqual([ended, expired, unfinished].sort());
    await sweep(addMs(at, UNFINISHED_MAX_AGE_MS));
    expect(await left()).toEqual([ended, expired].sort());
    // Ended at once or expired after 12 hours, a complete sign-in stays for 90 days after expiry.
    await sweep(addMs(at, ENDED_SIGN_IN_RETENTION_MS));
    expect(await left()).toEqual([ended, expired].sort());
    await sweep(addMs(at, ENDED_SIGN_IN_RETENTION_MS + DAY));
    expect(await left()).toEqual([]);
  });
});

describe("the sweep and queued links (docs/rules.md, rule 25)", () => {
  it("fails a link that expired unsent and deletes its sealed body, then the row after the outbox's retention", async () => {
    const { queueEmail } = await import("@/lib/email/outbox");
    const { OUTBOX_RETENTION_MS } = await import("@/lib/maintenance/storage-sweep");
    const at = addMs(T, 400 * DAY);
    const message = { to: "ada@example.com", subject: "Reset", text: "link", html: "<p>link</p>" };
    await queueEmail(db, message, at, { linkExpiresAt: addMs(at, 30 * MINUTE) });
    const queued = () =>
      db.outboxMessage.findFirstOrThrow({
        where: { subject: "Reset", createdAt: at },
        select: { status: true, textBody: true, htmlBody: true },
      });
    expect((await sweep(addMs(at, 30 * MINUTE - 1000))).outboxLinkBody).toBe(0);
    expect((await queued()).textBody).not.toBeNull();
    expect((await sweep(addMs(at, 30 * MINUTE))).outboxLinkBody).toBe(1);
    expect(await queued()).toEqual({ status: "FAILED", textBody: null, htmlBody: null });
    await sweep(addMs(at, OUTBOX_RETENTION_MS + DAY));
    expect(await db.outboxMessage.count({ where: { subject: "Reset", createdAt: at } })).toBe(0);
  });
});
