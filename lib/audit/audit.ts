import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { newRowId } from "@/lib/db/row-id";

export const AUDIT_EVENT_TYPES = [
  "sign_in_succeeded",
  "sign_in_failed",
  "sign_in_throttled",
  "password_check_failed",
  "account_created",
  "account_updated",
  "account_deactivated",
  "account_reactivated",
  "password_changed",
  "password_reset_requested",
  "password_reset",
  "two_factor_enabled",
  "two_factor_disabled",
  "two_factor_reset",
  "two_factor_code_failed",
  "two_factor_locked",
  "recovery_code_used",
  "recovery_codes_regenerated",
  "recovery_code_issued",
  "issued_recovery_code_used",
  "settings_changed",
  "trusted_browser_revoked",
  "sign_ins_ended",
  "sign_in_disowned",
  "signed_out_everywhere",
  "passkey_added",
  "passkey_removed",
  "passkey_renamed",
  "passkey_used",
  "passkey_refused",
  "account_unlocked",
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export type RequestContext = { clientAddress: string; userAgent: string | null };

export type AuditEventInput = {
  type: AuditEventType;
  actor?: { id: string; email: string } | null;
  subject?: { id: string; email: string } | null;
  /**
   * An account's email when there is no subject row to name. Never what someone typed for an
   * account that does not exist: that may be a password typed into the wrong field.
   */
  subjectEmail?: string;
  context: RequestContext;
  details?: Record<string, string | number | boolean | null>;
};

/**
 * Writes one security-log entry, in `client`'s transaction when given one. Never pass a secret,
 * code or password in details. One raw statement, the same on SQLite and PostgreSQL: every sign-in
 * writes one or two, and Prisma's insert costs about three times the CPU (docs/architecture.md,
 * "Reads per request").
 */
export async function recordAuditEvent(
  event: AuditEventInput,
  client: Pick<Prisma.TransactionClient, "$executeRaw"> = db,
) {
  const subjectEmail = (event.subject?.email ?? event.subjectEmail)?.slice(0, 320) ?? null;
  const at = new Date();
  await client.$executeRaw`
    INSERT INTO "AuditEvent" ("id", "createdAt", "type", "actorId", "actorEmail", "subjectId",
      "subjectEmail", "clientAddress", "userAgent", "details")
    VALUES (${newRowId(at.getTime())}, ${at}, ${event.type}, ${event.actor?.id ?? null},
      ${event.actor?.email ?? null}, ${event.subject?.id ?? null}, ${subjectEmail},
      ${event.context.clientAddress}, ${event.context.userAgent},
      ${event.details ? JSON.stringify(event.details) : null})`;
}
