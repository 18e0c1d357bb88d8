import "server-only";
import { db } from "@/lib/db/client";
import { BODY_UNREADABLE, LINK_EXPIRED } from "./link-bodies";
import { retryDelayMs } from "./sender";

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
    db.outboxMessage.findMany({
      where: { status: "QUEUED", ...failedAttempt },
      orderBy: { nextAttemptAt: "desc" },
      select: { lastError: true, attempts: true, nextAttemptAt: true },
      take: 50,
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
  // The latest error is the one of the latest try: a retry waits longer after every failure, so
  // the message to be tried last is not always the one tried last.
  const triedAt = (m: { attempts: number; nextAttemptAt: Date }) =>
    m.nextAttemptAt.getTime() - retryDelayMs(m.attempts);
  const latest = retrying.sort((a, b) => triedAt(b) - triedAt(a))[0];
  if (latest?.lastError) return { lastError: latest.lastError };
  const sentSince = sent?.sentAt && failed && sent.sentAt > failed.nextAttemptAt;
  if (failed?.lastError && !sentSince) return { lastError: failed.lastError };
  return null;
}
