import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { THROTTLE_BLOCK_MS, throttleKeys } from "@/lib/auth/throttle";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { notifyAccountHolder } from "@/lib/email/notices";
import { refused, type Result } from "@/lib/failures/failure";

// "Locked out" on /backend/security (docs/rules.md, "The security overview"): an account whose
// second step is locked (`User.lockedUntil`, lib/two-factor/code-attempts.ts) or whose own
// password counter is blocked (`SignInThrottle`, lib/auth/throttle.ts). Both live in the
// database, so every instance lists and lifts the same locks.

export type LockedOutAccount = {
  id: string;
  email: string;
  name: string;
  /** When the last of its locks ends. */
  until: Date;
  secondStep: boolean;
  password: boolean;
};

/** The counter key of an account's password limit; its email is stored only as a keyed hash. */
const passwordKey = (email: string) => throttleKeys(email, "0.0.0.0").account!;

/**
 * Accounts whose password counter is blocked now. The counter names the account only by a keyed
 * hash, so the candidates are the accounts a block was audited for (`sign_in_throttled`) within
 * one block's length; their counters are then read by key.
 */
async function passwordLocks(now: Date): Promise<Map<string, Date>> {
  const audited = await db.auditEvent.findMany({
    where: {
      type: "sign_in_throttled",
      createdAt: { gte: new Date(now.getTime() - THROTTLE_BLOCK_MS) },
      subjectId: { not: null },
    },
    select: { subjectId: true },
    distinct: ["subjectId"],
  });
  if (audited.length === 0) return new Map();
  const accounts = await db.user.findMany({
    where: { id: { in: audited.map((row) => row.subjectId!) } },
    select: { id: true, email: true },
  });
  const byKey = new Map(accounts.map((account) => [passwordKey(account.email), account.id]));
  const blocked = await db.signInThrottle.findMany({
    where: { key: { in: [...byKey.keys()] }, blockedUntil: { gt: now } },
    select: { key: true, blockedUntil: true },
  });
  return new Map(blocked.map((row) => [byKey.get(row.key)!, row.blockedUntil!]));
}

export async function lockedOutAccounts(now = new Date()): Promise<LockedOutAccount[]> {
  const [codeLocked, passwords] = await Promise.all([
    db.user.findMany({
      where: { lockedUntil: { gt: now } },
      select: { id: true, email: true, name: true, lockedUntil: true },
    }),
    passwordLocks(now),
  ]);
  const missing = [...passwords.keys()].filter((id) => !codeLocked.some((row) => row.id === id));
  const others = missing.length
    ? await db.user.findMany({
        where: { id: { in: missing } },
        select: { id: true, email: true, name: true, lockedUntil: true },
      })
    : [];
  return [...codeLocked, ...others]
    .map((row) => {
      const secondStep = row.lockedUntil !== null && row.lockedUntil > now;
      const passwordUntil = passwords.get(row.id);
      const ends = [secondStep ? row.lockedUntil! : null, passwordUntil ?? null];
      const until = new Date(Math.max(...ends.map((end) => end?.getTime() ?? 0)));
      return {
        id: row.id,
        email: row.email,
        name: row.name,
        until,
        secondStep,
        password: !!passwordUntil,
      };
    })
    .sort((a, b) => a.until.getTime() - b.until.getTime() || a.email.localeCompare(b.email));
}

export type UnlockResult = Result<{ email: string }>;

/**
 * An admin's "Unlock": clears the account's code count and lock and deletes its password counter,
 * with the audit event and the account's notice in the same transaction. The lock count that
 * doubles the next lock is kept (docs/rules.md, rule 4): unlocking lets the owner in again, it
 * does not hand a guesser a fresh start. Refused, changing nothing, when nothing is locked.
 */
export async function unlockAccount(
  userId: string,
  actor: { id: string; email: string },
  context: RequestContext,
  now = new Date(),
): Promise<UnlockResult> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, lockedUntil: true },
  });
  if (!user) return refused("no_such_account");
  const key = passwordKey(user.email);
  return db.$transaction(async (tx: Prisma.TransactionClient): Promise<UnlockResult> => {
    const secondStep = await tx.user.updateMany({
      where: { id: user.id, lockedUntil: { gt: now } },
      data: { lockedUntil: null, failedCodes: 0 },
    });
    const password = await tx.signInThrottle.deleteMany({
      where: { key, blockedUntil: { gt: now } },
    });
    if (secondStep.count === 0 && password.count === 0) {
      return refused("not_locked_out", { params: { email: user.email } });
    }
    await tx.signInThrottle.deleteMany({ where: { key } });
    await tx.user.update({ where: { id: user.id }, data: { failedCodes: 0 } });
    const details = { secondStep: secondStep.count > 0, password: password.count > 0 };
    await recordAuditEvent(
      { type: "account_unlocked", actor, subject: user, context, details },
      tx,
    );
    await notifyAccountHolder(tx, user.id, { kind: "account_unlocked", context, now });
    return { ok: true, email: user.email };
  });
}
