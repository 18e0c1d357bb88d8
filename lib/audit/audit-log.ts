import "server-only";
import { db } from "@/lib/db/client";
import { AUDIT_EVENT_TYPES } from "./audit";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = { account?: string; type?: string; page: number };

/** Reads query parameters into a filter, dropping anything that is not a known value. */
export function auditFilterFrom(
  params: Record<string, string | string[] | undefined>,
): AuditFilter {
  const text = (name: string) => {
    const value = params[name];
    return typeof value === "string" ? value.trim() : "";
  };
  const account = text("account").toLowerCase().slice(0, 254);
  const type = text("type");
  const page = Number.parseInt(text("page"), 10);
  return {
    account: account || undefined,
    type: (AUDIT_EVENT_TYPES as readonly string[]).includes(type) ? type : undefined,
    page: Number.isSafeInteger(page) && page > 0 && page < 100_000 ? page : 1,
  };
}

export async function readAuditLog(filter: AuditFilter) {
  const where = {
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.account
      ? {
          OR: [
            { subjectEmail: { contains: filter.account } },
            { actorEmail: { contains: filter.account } },
          ],
        }
      : {}),
  };
  const [events, total] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    db.auditEvent.count({ where }),
  ]);
  return { events, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}
