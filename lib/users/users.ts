import "server-only";
import { carrySignInOver, endSignInsOf } from "@/lib/auth/sign-in-rows";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { notifyAccountHolder } from "@/lib/email/notices";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { hashPassword } from "@/lib/auth/password";
import { recheckAccount } from "@/lib/two-factor/re-check";
import { safeUserSelect, type SafeUser } from "@/lib/auth/account";
import { refused, type Result } from "@/lib/failures/failure";
import type { NewUser } from "./schemas";

/** A refusal names its field: `email` (taken), or none (set-up already done). */
export type CreateUserResult = Result<{ user: SafeUser }>;

const EMAIL_TAKEN = refused("email_taken", { field: "email" });

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export async function createUser(
  input: NewUser,
  context: RequestContext,
  actor: { id: string; email: string } | null,
): Promise<CreateUserResult> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: { name: input.name, email: input.email.toLowerCase(), passwordHash, role: input.role },
      select: safeUserSelect,
    });
    await recordAuditEvent({
      type: "account_created",
      actor,
      subject: user,
      context,
      details: { role: user.role },
    });
    return { ok: true, user };
  } catch (error) {
    if (isUniqueViolation(error)) return EMAIL_TAKEN;
    throw error;
  }
}

// Once an admin exists one always will: nothing deletes an account, and the last active admin can
// be neither demoted nor deactivated (lib/users/last-admin.ts), so an admin account, and an
// active one, outlives every change. So a process that has seen one stops asking, and one that
// has not asks on every call: a set-up on another instance is seen by its next request
// (docs/architecture.md, "Reads per request"). Set-up itself always asks the database, and counts
// deactivated admins too: /setup never reopens while any admin account exists.
let adminSeen = false;

async function anyAdmin() {
  return (await db.user.count({ where: { role: "ADMIN" } })) > 0;
}

export async function adminExists() {
  adminSeen ||= await anyAdmin();
  return adminSeen;
}

const SETUP_DONE = refused("setup_done");

/** Another set-up holds the claim, or an admin exists: rolls the whole set-up back. */
class SetupAlreadyDone extends Error {}

/**
 * Creates the first admin. The set-up claim (the single Setup row), the admin and its audit entry
 * are written in one transaction: of several set-ups racing, on one instance or many, exactly one
 * commits and the others leave nothing behind.
 */
export async function createFirstAdmin(
  input: Omit<NewUser, "role">,
  context: RequestContext,
): Promise<CreateUserResult> {
  if (await anyAdmin()) return SETUP_DONE;
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.$transaction(async (tx) => {
      // Claimed first: a racing set-up then waits for this one and fails on the claim's fixed id.
      await tx.setup.create({ data: { id: 1 } }).catch((error: unknown) => {
        throw isUniqueViolation(error) ? new SetupAlreadyDone() : error;
      });
      // An admin made by the command line closes set-up too.
      if ((await tx.user.count({ where: { role: "ADMIN" } })) > 0) throw new SetupAlreadyDone();
      const user = await tx.user.create({
        data: { name: input.name, email: input.email.toLowerCase(), passwordHash, role: "ADMIN" },
        select: safeUserSelect,
      });
      await recordAuditEvent(
        {
          type: "account_created",
          actor: null,
          subject: user,
          context,
          details: { role: "ADMIN" },
        },
        tx,
      );
      return user;
    });
    return { ok: true, user };
  } catch (error) {
    if (error instanceof SetupAlreadyDone) return SETUP_DONE;
    if (isUniqueViolation(error)) return EMAIL_TAKEN;
    throw error;
  }
}

export type ChangePasswordResult = Result;

/**
 * Changes the password and signs every other session of the account out: the session version
 * moves on, and only the sign-in that made the change is carried over to it. The current
 * password counts toward the same limits as a sign-in.
 */
export async function changePassword(
  userId: string,
  currentSignInId: string,
  input: { currentPassword: string; newPassword: string },
  context: RequestContext,
  now = new Date(),
): Promise<ChangePasswordResult> {
  const user = await db.user.findUnique({ where: { id: userId }, select: safeUserSelect });
  if (!user) return refused("wrong_password", { field: "currentPassword" });
  const recheck = await recheckAccount(
    user,
    { password: input.currentPassword },
    "change_password",
    now,
    context,
  );
  if (!recheck.ok) {
    return { ok: false, failure: { ...recheck.failure, field: "currentPassword" } };
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await endSignInsOf(userId, now, { except: currentSignInId }, tx);
    await carrySignInOver(currentSignInId, updated.sessionVersion, tx);
    await tx.trustedBrowser.deleteMany({ where: { userId } });
    await recordAuditEvent({ type: "password_changed", actor: user, subject: user, context }, tx);
    await notifyAccountHolder(tx, userId, { kind: "password_changed", context, now });
  });
  return { ok: true };
}
