// docs/rules.md, rule 25 on SQLite and PostgreSQL: a queued message that carries a link is stored
// sealed with the data key, so a copy of the database alone yields no working link while SMTP is
// failing; only the sender opens it, a body moved to another message does not open, and the body
// is deleted once sent or once its link expires, and an expired link is never sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseBytes, removeTestDatabase, setUpTestDatabase } from "@/test/support/database";
import { freePort, startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { deliverDueMessages } = await import("@/lib/email/sender");
const { queueEmail } = await import("@/lib/email/outbox");
const { BODY_UNREADABLE, deleteExpiredLinkBodies, LINK_EXPIRED } =
  await import("@/lib/email/link-bodies");
const { requestPasswordReset } = await import("@/lib/password-reset/request-reset");
const { accountOfResetLink, RESET_LINK_LIFETIME_MS, resetTokenHash } =
  await import("@/lib/password-reset/tokens");
const { CONTEXT, createAccount } = await import("../support/db-accounts");
const { pointSmtpAt } = await import("../support/db-email-settings");

const T = new Date("2030-06-01T08:00:00Z");
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const at = (ms: number) => new Date(T.getTime() + ms);
const LINK = /\/login\/reset\/([A-Za-z0-9_-]{43})\b/;
let sink: SmtpSink;

const smtpDown = async () => pointSmtpAt(await freePort());
const smtpUp = () => pointSmtpAt(sink.port);

beforeAll(async () => {
  sink = await startSmtpSink();
});

afterAll(async () => {
  await sink.stop();
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

/** Every column of the outbox as the database returns it, with no app code reading it. */
const rawOutbox = () => db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "OutboxMessage"`;
const rowTo = (email: string) => db.outboxMessage.findFirstOrThrow({ where: { recipient: email } });

async function requestResetFor(email: string, now: Date) {
  const result = await requestPasswordReset(email, { ...CONTEXT, clientAddress: "192.0.2.1" }, now);
  if (!result.ok) throw new Error(result.failure.code);
  await result.recorded;
}

const link = (to: string) => ({
  to,
  subject: `For ${to}`,
  text: `Open https://appmail.example/login/reset/${"k".repeat(43)} (${to})`,
  html: `<a href="https://appmail.example/login/reset/${"k".repeat(43)}">${to}</a>`,
});

describe("a link at rest", () => {
  it("queued while SMTP fails, no column holds the link; with the key the sender delivers the right one", async () => {
    await smtpDown();
    const account = await createAccount();
    await requestResetFor(account.email, T);
    expect(await deliverDueMessages({ now: () => at(1000) })).toMatchObject({ retried: 1 });
    expect(await rowTo(account.email)).toMatchObject({ status: "QUEUED", attempts: 1 });

    const raw = JSON.stringify(await rawOutbox());
    const copy = databaseBytes(dataDir).toString("latin1");
    for (const snapshot of [raw, copy]) expect(snapshot).not.toContain("/login/reset/");

    await smtpUp();
    expect(await deliverDueMessages({ now: () => at(2 * MINUTE) })).toMatchObject({ sent: 1 });
    const mail = await sink.find((received) => received.to.includes(account.email));
    const token = LINK.exec(mail.text)?.[1];
    expect(token, "the message carries the link").toBeDefined();
    expect(mail.html).toContain(`/login/reset/${token}`);
    const stored = await db.passwordResetToken.findFirstOrThrow({
      where: { userId: account.id },
    });
    expect(stored.tokenHash).toBe(resetTokenHash(token!));
    for (const snapshot of [raw, copy]) expect(snapshot).not.toContain(token);
    expect(await accountOfResetLink(token, at(2 * MINUTE))).toMatchObject({
      account: { id: account.id },
    });
    expect(await rowTo(account.email)).toMatchObject({
      status: "SENT",
      textBody: null,
      htmlBody: null,
      bodyExpiresAt: null,
    });
  });

  it("a sealed body moved to another message does not open: both fail unsent, bodies deleted", async () => {
    const expires = { linkExpiresAt: at(30 * MINUTE) };
    await queueEmail(db, link("swap-a@example.com"), T, expires);
    await queueEmail(db, link("swap-b@example.com"), T, expires);
    const [a, b] = [await rowTo("swap-a@example.com"), await rowTo("swap-b@example.com")];
    await db.outboxMessage.update({ where: { id: a.id }, data: { textBody: b.textBody } });
    await db.outboxMessage.update({ where: { id: b.id }, data: { htmlBody: b.textBody } });

    const received = sink.received.length;
    expect(await deliverDueMessages({ now: () => at(MINUTE) })).toMatchObject({ failed: 2 });
    for (const row of [await rowTo("swap-a@example.com"), await rowTo("swap-b@example.com")]) {
      expect(row).toMatchObject({
        status: "FAILED",
        lastError: BODY_UNREADABLE,
        textBody: null,
        htmlBody: null,
      });
    }
    expect(sink.received.length).toBe(received);
  });

  it("a reset link whose 30 minutes pass while SMTP fails is never sent, and its body is deleted", async () => {
    await smtpDown();
    const account = await createAccount();
    await requestResetFor(account.email, T);
    expect((await rowTo(account.email)).bodyExpiresAt).toEqual(at(RESET_LINK_LIFETIME_MS));
    await deliverDueMessages({ now: () => at(1000) });
    // A pass a moment before the link expires still keeps it, waiting for its next attempt.
    await deliverDueMessages({ now: () => at(RESET_LINK_LIFETIME_MS - 1) });
    expect((await rowTo(account.email)).textBody).not.toBeNull();

    await smtpUp();
    const received = sink.received.length;
    expect(await deliverDueMessages({ now: () => at(RESET_LINK_LIFETIME_MS) })).toMatchObject({
      sent: 0,
    });
    expect(await rowTo(account.email)).toMatchObject({
      status: "FAILED",
      lastError: LINK_EXPIRED,
      textBody: null,
      htmlBody: null,
    });
    expect(sink.received.length).toBe(received);
  });

  it("the sweep deletes expired bodies in batches, even with e-mail off, and leaves live links and notices", async () => {
    await pointSmtpAt(null, { smtpSecurity: "STARTTLS" });
    const start = at(DAY);
    for (let i = 0; i < 7; i += 1) {
      await queueEmail(db, link(`soon-${i}@example.com`), start, {
        linkExpiresAt: new Date(start.getTime() + 30 * MINUTE),
      });
    }
    // A "This wasn't me" link lives for 7 days: the same mechanism, another expiry.
    await queueEmail(db, link("week@example.com"), start, {
      linkExpiresAt: new Date(start.getTime() + 7 * DAY),
    });
    await queueEmail(
      db,
      { ...link("notice@example.com"), text: "A notice", html: "<p>A notice</p>" },
      start,
    );

    const expiry = new Date(start.getTime() + 30 * MINUTE);
    expect(await deleteExpiredLinkBodies(new Date(expiry.getTime() - 1))).toBe(0);
    expect(await deleteExpiredLinkBodies(expiry, { batchSize: 3 })).toBe(7);
    const soon = await db.outboxMessage.findMany({
      where: { recipient: { startsWith: "soon-" } },
    });
    expect(soon).toHaveLength(7);
    for (const row of soon) {
      expect(row).toMatchObject({
        status: "FAILED",
        lastError: LINK_EXPIRED,
        textBody: null,
        htmlBody: null,
        bodyExpiresAt: null,
      });
    }
    expect(await rowTo("week@example.com")).toMatchObject({ status: "QUEUED" });
    expect((await rowTo("week@example.com")).textBody).toMatch(/^v\d+:/);
    expect((await rowTo("notice@example.com")).textBody).toBe("A notice");

    // With e-mail off the sender delivers nothing, but still drops a link that has expired.
    expect(await deliverDueMessages({ now: () => new Date(start.getTime() + 7 * DAY) })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(await rowTo("week@example.com")).toMatchObject({
      status: "FAILED",
      lastError: LINK_EXPIRED,
      textBody: null,
    });
    expect(await deleteExpiredLinkBodies(at(30 * DAY))).toBe(0);
  });
});
