// docs/rules.md, rule 19: the outbox commits with the change it reports, waits while no SMTP
// server is configured, retries with doubling delays for a day and then gives up (at once when the
// server refuses the recipient for good), deletes the
// body of a message that carries a link once sent, and keeps the SMTP password encrypted.
import { afterAll, describe, expect, it } from "vitest";
import { databaseBytes, removeTestDatabase, setUpTestDatabase } from "@/test/support/database";
import { freePort, startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { sayStoredFailure } from "@/words/say-failure";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { getEmailSettings, isEmailConfigured } = await import("@/lib/email/email-settings");
const { deliverDueMessages, GIVE_UP_AFTER_MS, LONGEST_RETRY_MS } =
  await import("@/lib/email/sender");
const { queueEmail, listOutbox } = await import("@/lib/email/outbox");
const { queueSecurityNotice } = await import("@/lib/email/notices");
const { pointSmtpAt } = await import("../support/db-email-settings");

const CONTEXT = { clientAddress: "198.51.100.7", userAgent: null };
const T = new Date("2030-06-01T08:00:00Z");
const sinks: SmtpSink[] = [];

afterAll(async () => {
  await Promise.all(sinks.map((sink) => sink.stop()));
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

const message = (to: string) => ({
  to,
  subject: `For ${to}`,
  text: `Text for ${to} https://example.com/login/reset/secret-token`,
  html: `<p>HTML for ${to}</p>`,
});
const row = (to: string) => db.outboxMessage.findFirstOrThrow({ where: { recipient: to } });
/** A row's "Last error" as the outbox page says it (it is stored as a failure code). */
const lastErrorOf = (stored: { lastError: string | null }) =>
  stored.lastError === null ? null : sayStoredFailure(stored.lastError);
const at = (ms: number) => () => new Date(T.getTime() + ms);

describe("the outbox", () => {
  it("without SMTP settings e-mail is not configured, and messages stay queued, untouched", async () => {
    expect(await isEmailConfigured()).toBe(false);
    await queueEmail(db, message("waiting@example.com"), T);
    expect(await deliverDueMessages({ now: at(60_000) })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(await row("waiting@example.com")).toMatchObject({ status: "QUEUED", attempts: 0 });
    const { entries } = await listOutbox();
    expect(entries[0]).not.toHaveProperty("textBody");
    expect(entries[0]).not.toHaveProperty("htmlBody");
  });

  it("a notice queued in a transaction that rolls back is never sent", async () => {
    const user = { id: "u1", email: "rolled-back@example.com", name: "Rolled Back" };
    await expect(
      db.$transaction(async (tx) => {
        await queueSecurityNotice(tx, { user, kind: "password_changed", context: CONTEXT, now: T });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.outboxMessage.count({ where: { recipient: user.email } })).toBe(0);
  });

  it("with the server down it retries with doubling delays up to 30 minutes, for a day, then fails", async () => {
    await pointSmtpAt(await freePort());
    await queueEmail(db, message("unlucky@example.com"), T);
    await db.outboxMessage.updateMany({
      where: { recipient: "waiting@example.com" },
      data: { status: "SENT" },
    });
    const attempts: number[] = [];
    let now = T.getTime();
    for (;;) {
      const result = await deliverDueMessages({ now: () => new Date(now) });
      attempts.push(now - T.getTime());
      const current = await row("unlucky@example.com");
      expect(current.lastError, "stored as its code").not.toContain("refused the connection");
      expect(lastErrorOf(current)).toMatch(
        /^The SMTP server 127.0.0.1:\d+ refused the connection\.$/,
      );
      if (current.status === "FAILED") {
        expect(result.failed).toBe(1);
        break;
      }
      expect(result.retried).toBe(1);
      // Not due a moment before its time: the next pass leaves it alone.
      const early = await deliverDueMessages({
        now: () => new Date(current.nextAttemptAt.getTime() - 1),
      });
      expect(early.retried + early.failed).toBe(0);
      now = current.nextAttemptAt.getTime();
    }
    const gaps = attempts.slice(1).map((time, i) => time - attempts[i]!);
    expect(gaps.slice(0, 6)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000]);
    expect(Math.max(...gaps)).toBe(LONGEST_RETRY_MS);
    expect(attempts.at(-1)).toBe(GIVE_UP_AFTER_MS);
    expect((await row("unlucky@example.com")).attempts).toBe(attempts.length);
    const { entries } = await listOutbox();
    expect(entries.find((entry) => entry.recipient === "unlucky@example.com")).toMatchObject({
      status: "FAILED",
    });
  });

  it("a recipient the server refuses for good fails at once; one refused for now is tried again", async () => {
    const sink = await startSmtpSink({
      refuseRecipient: (address) =>
        address.startsWith("gone@") ? 550 : address.startsWith("full@") ? 452 : null,
    });
    sinks.push(sink);
    await pointSmtpAt(sink.port);
    await queueEmail(db, message("gone@example.com"), T);
    await queueEmail(db, message("full@example.com"), T);
    expect(await deliverDueMessages({ now: at(3000) })).toMatchObject({ failed: 1, retried: 1 });
    expect(await row("gone@example.com")).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(lastErrorOf(await row("gone@example.com"))).toMatch(/550/);
    const full = await row("full@example.com");
    expect(full).toMatchObject({ status: "QUEUED", attempts: 1 });
    expect(lastErrorOf(full)).toMatch(/452/);
    // The failed one is not tried again, however long the sender keeps going.
    const later = await deliverDueMessages({ now: at(GIVE_UP_AFTER_MS / 2) });
    expect(later).toMatchObject({ failed: 0, retried: 1 });
    expect((await row("gone@example.com")).attempts).toBe(1);
    expect(sink.received).toEqual([]);
  });

  it("a message that carries a link loses its body once sent; a notice keeps it", async () => {
    const sink = await startSmtpSink();
    sinks.push(sink);
    await pointSmtpAt(sink.port);
    await queueEmail(db, message("reset@example.com"), T, {
      linkExpiresAt: new Date(T.getTime() + 30 * 60_000),
    });
    await queueEmail(db, message("notice@example.com"), T);
    expect(await deliverDueMessages({ now: at(1000) })).toMatchObject({ sent: 2 });
    const [first] = await sink.waitFor(2);
    expect(first?.text).toContain("Text for");
    expect(await row("reset@example.com")).toMatchObject({
      status: "SENT",
      textBody: null,
      htmlBody: null,
      bodyExpiresAt: null,
    });
    expect((await row("notice@example.com")).textBody).toContain("Text for");
  });

  it("the SMTP password is encrypted at rest, used to sign in to the server, and never shown", async () => {
    const password = `smtp-${crypto.randomUUID()}`;
    const sink = await startSmtpSink({ auth: { username: "mailer", password } });
    sinks.push(sink);
    await pointSmtpAt(sink.port, { smtpUsername: "mailer", smtpPassword: password });
    await queueEmail(db, message("authenticated@example.com"), T);
    expect(await deliverDueMessages({ now: at(2000) })).toMatchObject({ sent: 1 });
    expect((await sink.waitFor(1))[0]?.to).toEqual(["authenticated@example.com"]);

    const view = await getEmailSettings();
    expect(view).toMatchObject({ smtpUsername: "mailer", hasPassword: true });
    expect(JSON.stringify(view)).not.toContain(password);
    const stored = await db.emailSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(stored.smtpPassword).toMatch(/^v1:/);
    const copy = databaseBytes(dataDir);
    expect(copy.includes(password)).toBe(false);
    expect(copy.includes(Buffer.from(password).toString("base64"))).toBe(false);
    const audit = await db.auditEvent.findMany({ where: { type: "settings_changed" } });
    expect(audit.some((event) => event.details?.includes('"smtpPassword":"changed"'))).toBe(true);
    expect(audit.every((event) => !event.details?.includes(password))).toBe(true);

    // An empty password field keeps it; a wrong one is the server's one-line answer.
    await pointSmtpAt(sink.port, { smtpUsername: "mailer" });
    expect((await db.emailSettings.findUniqueOrThrow({ where: { id: 1 } })).smtpPassword).toBe(
      stored.smtpPassword,
    );
    await pointSmtpAt(sink.port, { smtpUsername: "mailer", smtpPassword: "wrong password" });
    await queueEmail(db, message("refused@example.com"), T);
    expect(await deliverDueMessages({ now: at(3000) })).toMatchObject({ retried: 1 });
    const refused = await row("refused@example.com");
    expect(lastErrorOf(refused)).toBe("The SMTP server refused the username or password.");
    expect(refused.lastError).not.toContain("wrong password");
  });
});
