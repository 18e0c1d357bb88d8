import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

// The outbox (docs/architecture.md, "The outbox"; docs/rules.md, rule 19): a message is a row
// written in the transaction of the change it reports, so the change and its message commit or
// roll back together. lib/email/sender.ts delivers it later.

/** A transaction client, or the db client itself. */
export type OutboxWriter = Pick<Prisma.TransactionClient, "outboxMessage">;

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The body holds a link that works as a credential (a reset link): deleted once sent. */
  carriesLink?: boolean;
};

export const OUTBOX_STATUSES = ["QUEUED", "SENT", "FAILED"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Queues one message, due at once. */
export async function queueEmail(
  writer: OutboxWriter,
  message: OutgoingEmail,
  now: Date = new Date(),
): Promise<void> {
  await writer.outboxMessage.create({
    data: {
      recipient: message.to,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html,
      carriesLink: message.carriesLink ?? false,
      status: "QUEUED",
      createdAt: now,
      nextAttemptAt: now,
    },
  });
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
