import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { newMessageId, sealLinkBody } from "./link-bodies";

// The outbox (docs/architecture.md, "The outbox"; docs/rules.md, rule 19): a message is a row
// written in the transaction of the change it reports, so the change and its message commit or
// roll back together. lib/email/sender.ts delivers it later.

/** A transaction client, or the db client itself. */
export type OutboxWriter = Pick<Prisma.TransactionClient, "outboxMessage" | "$executeRaw">;

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  html: string;
};

export type QueueOptions = {
  /**
   * The body holds a link that works as a credential (a reset link, a "This wasn't me" link) until
   * this time: the body is stored sealed, never sent after it, and deleted once sent or at it
   * (lib/email/link-bodies.ts; docs/rules.md, rule 25).
   */
  linkExpiresAt?: Date;
};

export const OUTBOX_STATUSES = ["QUEUED", "SENT", "FAILED"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Queues one message, due at once. */
export async function queueEmail(
  writer: OutboxWriter,
  message: OutgoingEmail,
  now: Date = new Date(),
  { linkExpiresAt }: QueueOptions = {},
): Promise<void> {
  const envelope = {
    recipient: message.to,
    subject: message.subject,
    status: "QUEUED",
    createdAt: now,
    nextAttemptAt: now,
  };
  if (!linkExpiresAt) {
    await writer.outboxMessage.create({
      data: { ...envelope, textBody: message.text, htmlBody: message.html },
    });
    return;
  }
  if (!(linkExpiresAt.getTime() > now.getTime())) {
    throw new RangeError("A link must expire after it is queued");
  }
  // Raw: a sign-in from a new browser queues its notice in step 2's transaction (docs/architecture.md,
  // "Reads per request"). TRUE reads as a boolean on PostgreSQL and as 1 on SQLite.
  const id = newMessageId();
  await writer.$executeRaw`
    INSERT INTO "OutboxMessage" ("id", "createdAt", "recipient", "subject", "textBody",
      "htmlBody", "carriesLink", "bodyExpiresAt", "status", "attempts", "nextAttemptAt")
    VALUES (${id}, ${now}, ${message.to}, ${message.subject},
      ${sealLinkBody(message.text, id, "text")}, ${sealLinkBody(message.html, id, "html")}, TRUE,
      ${linkExpiresAt}, ${envelope.status}, 0, ${now})`;
}

export type OutboxEntry = {
  id: string;
  createdAt: Date;
  recipient: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
};

/** The newest messages, for the outbox page: never a body. */
export async function listOutbox(limit = 100): Promise<{ entries: OutboxEntry[]; queued: number }> {
  const [rows, queued] = await Promise.all([
    db.outboxMessage.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      select: {
        id: true,
        createdAt: true,
        recipient: true,
        subject: true,
        status: true,
        attempts: true,
        lastError: true,
        nextAttemptAt: true,
        sentAt: true,
      },
    }),
    db.outboxMessage.count({ where: { status: "QUEUED" } }),
  ]);
  const entries = rows.map((row) => ({
    ...row,
    status: (OUTBOX_STATUSES as readonly string[]).includes(row.status)
      ? (row.status as OutboxStatus)
      : "QUEUED",
  }));
  return { entries, queued };
}
