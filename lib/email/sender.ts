import "server-only";
import { randomBytes } from "node:crypto";
import { DecryptionError } from "@/lib/crypto/encryption";
import { db } from "@/lib/db/client";
import { storedFailure } from "@/lib/failures/stored-failure";
import { loadSmtpSettings } from "./email-settings";
import { smtpFailure, type SmtpServer } from "./smtp-errors";
import {
  BODY_UNREADABLE,
  deleteExpiredLinkBodies,
  LINK_EXPIRED,
  NO_BODY,
  openBodies,
} from "./link-bodies";
import { createMailer, isPermanentRejection, LONGEST_DELIVERY_MS, type Mailer } from "./transport";

// The outbox's sender (docs/architecture.md, "The outbox"). Several may run at once, in several
// processes and instances: a message is claimed by one conditional update that sets a lease, and
// only the lease's holder marks it sent. A sender killed mid-delivery leaves its lease to expire,
// after which another sender delivers the message again: at most the message in flight goes out
// twice, and only when the kill fell between the server accepting it and the row being marked.

/** A claim outlasts the longest possible delivery, so a live sender is never overtaken. */
export const LEASE_MS = LONGEST_DELIVERY_MS + 60_000;
export const FIRST_RETRY_MS = 30_000;
export const LONGEST_RETRY_MS = 30 * 60_000;
/**
 * Retries stop a day after the message was queued: it is then marked failed. A message the server
 * refuses for good (transport.ts, isPermanentRejection) fails at its first attempt.
 */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

export type SenderOptions = {
  /** The clock: injectable for tests. */
  now?: () => Date;
  /** How to reach the SMTP server: injectable for tests. */
  createMailer?: typeof createMailer;
  /** Messages claimed per query. */
  batchSize?: number;
};

export type PassResult = { sent: number; retried: number; failed: number };

/** The delay before attempt `attempts + 1`: doubling from 30 seconds, at most 30 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

const dueWhere = (now: Date) => ({
  status: "QUEUED",
  nextAttemptAt: { lte: now },
  OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
});

/** Claims one message: one conditional update, so of racing senders exactly one wins it. */
async function claim(id: string, leaseId: string, now: Date): Promise<boolean> {
  const claimed = await db.outboxMessage.updateMany({
    where: { id, ...dueWhere(now) },
    data: {
      leaseId,
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      attempts: { increment: 1 },
    },
  });
  return claimed.count === 1;
}

type Outcome = keyof PassResult | "claimed elsewhere";

/** Ends a claimed message without sending it, and deletes its body (only the lease's holder). */
async function failUnsent(id: string, leaseId: string, lastError: string) {
  await db.outboxMessage.updateMany({
    where: { id, leaseId },
    data: { ...NO_BODY, status: "FAILED", leaseId: null, leaseUntil: null, lastError },
  });
}

async function deliverOne(
  mailer: Mailer,
  server: SmtpServer,
  id: string,
  now: () => Date,
): Promise<Outcome> {
  const leaseId = randomBytes(16).toString("base64url");
  if (!(await claim(id, leaseId, now()))) return "claimed elsewhere";
  const message = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
  // A link is never sent once it has expired (docs/rules.md, rule 25); a body already deleted
  // (by the sweep, between the claim's query and now) counts as expired.
  const expired =
    message.carriesLink &&
    (!message.bodyExpiresAt ||
      message.bodyExpiresAt <= now() ||
      (message.textBody === null && message.htmlBody === null));
  if (expired) {
    await failUnsent(id, leaseId, LINK_EXPIRED);
    return "failed";
  }
  let body;
  try {
    body = openBodies(message);
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    await failUnsent(id, leaseId, BODY_UNREADABLE);
    return "failed";
  }
  try {
    await mailer.send({ to: message.recipient, subject: message.subject, ...body });
  } catch (error) {
    const at = now();
    const giveUp =
      isPermanentRejection(error) || at.getTime() - message.createdAt.getTime() >= GIVE_UP_AFTER_MS;
    const lastTry = new Date(message.createdAt.getTime() + GIVE_UP_AFTER_MS);
    const next = new Date(
      Math.min(at.getTime() + retryDelayMs(message.attempts), lastTry.getTime()),
    );
    await db.outboxMessage.updateMany({
      where: { id, leaseId },
      data: {
        status: giveUp ? "FAILED" : "QUEUED",
        nextAttemptAt: next,
        leaseId: null,
        leaseUntil: null,
        // As a failure code, said in words by the page that shows it (lib/email/smtp-errors.ts).
        lastError: storedFailure(smtpFailure(error, server)),
        ...(giveUp && message.carriesLink ? NO_BODY : {}),
      },
    });
    return giveUp ? "failed" : "retried";
  }
  await db.outboxMessage.updateMany({
    where: { id, leaseId },
    data: {
      status: "SENT",
      sentAt: now(),
      leaseId: null,
      leaseUntil: null,
      lastError: null,
      ...(message.carriesLink ? NO_BODY : {}),
    },
  });
  return "sent";
}

/**
 * One pass: deletes the bodies of expired links (failing their messages), then delivers every
 * message due now, one at a time, until none is left that this sender can claim. Without SMTP
 * settings it delivers nothing: messages stay queued, but expired links still go.
 */
export async function deliverDueMessages(options: SenderOptions = {}): Promise<PassResult> {
  const now = options.now ?? (() => new Date());
  const result: PassResult = { sent: 0, retried: 0, failed: 0 };
  await deleteExpiredLinkBodies(now());
  const settings = await loadSmtpSettings();
  if (!settings) return result;
  const mailer = (options.createMailer ?? createMailer)(settings);
  const tried = new Set<string>();
  try {
    for (;;) {
      const due = await db.outboxMessage.findMany({
        where: { ...dueWhere(now()), id: { notIn: [...tried] } },
        orderBy: { nextAttemptAt: "asc" },
        select: { id: true },
        take: options.batchSize ?? 20,
      });
      if (due.length === 0) return result;
      for (const { id } of due) {
        tried.add(id);
        const outcome = await deliverOne(mailer, settings, id, now);
        if (outcome !== "claimed elsewhere") result[outcome] += 1;
      }
    }
  } finally {
    mailer.close();
  }
}
