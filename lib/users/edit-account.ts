import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { notifyAccountHolder, queueSecurityNotice } from "@/lib/email/notices";
import { refused, type Result } from "@/lib/failures/failure";
import { keepAnActiveAdmin, LastAdminRefusal } from "./last-admin";
import type { EditedUser } from "./schemas";

/** The account as /backend/users/<id> shows it: no hash, no secret. */
export const editableAccountSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  deactivatedAt: true,
} as const satisfies Prisma.UserSelect;

export type EditableAccount = Prisma.UserGetPayload<{ select: typeof editableAccountSelect }>;

export async function findEditableAccount(id: string): Promise<EditableAccount | null> {
  return db.user.findUnique({ where: { id }, select: editableAccountSelect });
}

/** A refusal names its field: `email` (taken), `role` (the last admin), or none. */
export type EditAccountResult = Result<{ account: EditableAccount; changed: string[] }>;

class NoSuchAccount extends Error {}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/**
 * An admin's "Save changes": name, email and role in one transaction with its audit entry and
 * notices (the account's address, and the old one when the address changed: docs/rules.md,
 * rule 20). Demoting an active admin keeps the last-admin rule (`keepAnActiveAdmin`). The email
 * arrives lower-cased from the schema; its uniqueness is the column's, so a race is refused too.
 */
export async function editAccount(
  input: EditedUser,
  actor: { id: string; email: string },
  context: RequestContext,
  now = new Date(),
): Promise<EditAccountResult> {
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.user.findUnique({
        where: { id: input.userId },
        select: { ...editableAccountSelect, language: true },
      });
      if (!before) throw new NoSuchAccount();
      const changed = (["name", "email", "role"] as const).filter(
        (field) => before[field] !== input[field],
      );
      if (changed.length === 0) return { ok: true, account: before, changed };
      if (before.role === "ADMIN" && input.role !== "ADMIN") {
        await keepAnActiveAdmin(tx, before.id);
      }
      const account = await tx.user.update({
        where: { id: before.id },
        data: { name: input.name, email: input.email, role: input.role },
        select: editableAccountSelect,
      });
      const details: Record<string, string> = { changed: changed.join(",") };
      if (changed.includes("role")) details.role = `${before.role}->${account.role}`;
      if (changed.includes("email")) details.previousEmail = before.email;
      await recordAuditEvent(
        { type: "account_updated", actor, subject: account, context, details },
        tx,
      );
      await notifyAccountHolder(tx, account.id, { kind: "account_updated", context, now });
      if (changed.includes("email")) {
        await queueSecurityNotice(tx, {
          user: {
            id: before.id,
            email: before.email,
            name: before.name,
            language: before.language,
          },
          kind: "email_address_changed",
          context,
          now,
        });
      }
      return { ok: true, account, changed };
    });
  } catch (error) {
    if (error instanceof LastAdminRefusal) return refused("last_admin", { field: "role" });
    if (error instanceof NoSuchAccount) return refused("no_such_account");
    if (isUniqueViolation(error)) return refused("email_taken", { field: "email" });
    throw error;
  }
}
