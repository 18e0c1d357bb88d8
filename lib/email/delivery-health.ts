import "server-only";
import { db } from "@/lib/db/client";
import { BODY_UNREADABLE, LINK_EXPIRED } from "./link-bodies";

// Whether delivery is failing now, for the outbox's warning (docs/architecture.md, "The outbox").
// A message still queued after a failed attempt says so; so does a message that failed in the
// last day when nothing has been sent since. Failures of a message's own (its link expired, its
// body cannot be opened) say nothing about the server and are left out.

const RECENT_MS = 24 * 60 * 60_000;
const NOT_THE_SERVER = [LINK_EXPIRED, BODY_UNREADABLE];

export type DeliveryProblem = { lastError: string };

export async function deliveryProblem(now: Date = new Date()): Promise<DeliveryProblem | null> {
  const failedAttempt = { attempts: { gte: 1 }, lastError: { not: null, notIn: NOT_THE_SERVER } };
  const [retrying, failed, sent] = await Promise.all([
    db.outboxMessage.findFirst({
      where: { status: "QUEUED", ...failedAttempt },
      orderBy: { nextAttemptAt: "desc" },
      select: { lastError: true },
    }),
    // A failed message's last try is about its `nextAttemptAt` (set when it failed).
    db.outboxMessage.findFirst({
      where: {
        status: "FAILED",
        ...failedAttempt,
        nextAttemptAt: { gte: new Date(now.getTime() - RECENT_MS) },
      },
      orderBy: { nextAttemptAt: "desc" },
      select: { lastError: true, nextAttemptAt: true },
    }),
    db.outboxMessage.findFirst({
      where: { status: "SENT" },
      orderBy: { sentAt: "desc" },
      select: { sentAt: true },
    }),
  ]);
  if (retrying?.lastError) return { lastError: retrying.lastError };
  const sentSince = sent?.sentAt && failed && sent.sentAt > failed.nextAttemptAt;
  if (failed?.lastError && !sentSince) return { lastError: failed.lastError };
  return null;
}
