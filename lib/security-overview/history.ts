import "server-only";
import { db } from "@/lib/db/client";
import {
  HISTORY_DAYS,
  replayHistory,
  startOfDay,
  STATE_EVENT_TYPES,
  type AccountState,
  type DayFigures,
} from "./history-replay";
import type { ProtectionByRole } from "./protection-counts";

const DAY_MS = 86_400_000;
const ID_BATCH = 500; // under SQLite's limit of bound parameters

/** The state now of the accounts the window's events name, a batch of ids per query. */
async function currentStates(ids: string[]): Promise<Map<string, AccountState>> {
  const states = new Map<string, AccountState>();
  for (let from = 0; from < ids.length; from += ID_BATCH) {
    const rows = await db.user.findMany({
      where: { id: { in: ids.slice(from, from + ID_BATCH) } },
      select: {
        id: true,
        role: true,
        deactivatedAt: true,
        totpEnabledAt: true,
        passkeyCount: true,
      },
    });
    for (const row of rows) {
      states.set(row.id, {
        exists: true,
        active: row.deactivatedAt === null,
        role: row.role,
        authenticatorApp: row.totpEnabledAt !== null,
        passkeys: row.passkeyCount,
      });
    }
  }
  return states;
}

/**
 * The share of protected accounts at the end of each of the last 90 days, by role
 * (docs/architecture.md, "Security overview"): today's grouped counts, walked back through the
 * window's state events. Reads the window's events once and the accounts they name; nothing
 * older and no other account.
 */
export async function protectionHistory(
  today: ProtectionByRole,
  now = new Date(),
  days = HISTORY_DAYS,
): Promise<DayFigures[]> {
  const since = new Date(startOfDay(now).getTime() - (days - 1) * DAY_MS);
  const events = await db.auditEvent.findMany({
    where: {
      type: { in: [...STATE_EVENT_TYPES] },
      createdAt: { gte: since },
      subjectId: { not: null },
    },
    select: { createdAt: true, subjectId: true, type: true, details: true },
  });
  const ids = [...new Set(events.map((event) => event.subjectId!))];
  const current = await currentStates(ids);
  return replayHistory(
    now,
    today,
    current,
    events.map((event) => ({
      at: event.createdAt,
      subjectId: event.subjectId!,
      type: event.type,
      details: event.details,
    })),
    days,
  );
}
