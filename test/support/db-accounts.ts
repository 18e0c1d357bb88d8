// Accounts made straight in the test database, through the app's own functions, for the
// integration tests (Vitest). Import this module dynamically, after `setUpTestDatabase()`
// (database.ts): it loads the app's database client. Browser specs make theirs with the command
// line instead: browser-accounts.ts.
import { randomBytes } from "node:crypto";
import type { RequestContext } from "@/lib/audit/audit";
import { UNFINISHED_MAX_AGE_MS } from "@/lib/auth/sign-in-rows";
import { db } from "@/lib/db/client";
import { newResetToken, RESET_LINK_LIFETIME_MS } from "@/lib/password-reset/tokens";
import { enableTwoFactor, startEnrolment } from "@/lib/two-factor/enrolment";
import { addPasskey, startPasskeyRegistration } from "@/lib/two-factor/passkey-registration";
import { openTotpSecret } from "@/lib/two-factor/secret-store";
import { totpCodeAt } from "@/lib/two-factor/totp";
import { createUser } from "@/lib/users/users";
import type { SoftAuthenticator } from "./soft-authenticator";
import { sayFailure } from "@/words/say-failure";

export const CONTEXT: RequestContext = { clientAddress: "203.0.113.7", userAgent: "vitest/agent" };
export const PASSWORD = "correct horse battery staple";
export const STEP_MS = 30_000;

export type Account = { id: string; email: string };

let counter = 0;

/** A customer (or admin) with a unique email and PASSWORD. */
export async function createAccount(
  role: "ADMIN" | "CUSTOMER" = "CUSTOMER",
  email = `user${++counter}-${randomBytes(3).toString("hex")}@example.com`,
): Promise<Account> {
  const created = await createUser(
    { name: "Test User", email, password: PASSWORD, role },
    CONTEXT,
    null,
  );
  if (!created.ok) throw new Error(`createUser failed: ${created.failure.code}`);
  return { id: created.user.id, email: created.user.email };
}

/**
 * Enrols the account as a person would: the app offers a secret, the person's authenticator
 * shows a code, and that code enables 2FA. Returns the secret (as the app holds it) and the
 * recovery codes shown once.
 */
export async function enrol(account: Account, at: Date) {
  await startEnrolment(account.id, at);
  const row = await db.user.findUniqueOrThrow({ where: { id: account.id } });
  const secret = openTotpSecret(row.pendingTotpSecret!, account.id);
  const code = await totpCodeAt(secret, at);
  const enabled = await enableTwoFactor(account, { password: PASSWORD, code }, at, CONTEXT);
  if (!enabled.ok) throw new Error(`enableTwoFactor failed: ${enabled.failure.code}`);
  return { secret, recoveryCodes: enabled.recoveryCodes };
}

/**
 * Adds a passkey made by `authenticator` as the account page adds it: the re-check (the password,
 * with a current code or a passkey's confirmation when the account needs one), then the new
 * credential. Returns the recovery codes an account without any gets with it.
 */
export async function registerPasskey(
  account: Account & { name?: string },
  authenticator: SoftAuthenticator,
  reCheck: { password: string; code?: string; confirmation?: string },
  at: Date,
  { name = "Laptop", context = CONTEXT }: { name?: string; context?: RequestContext } = {},
) {
  const person = { name: "Test User", ...account };
  const started = await startPasskeyRegistration(person, reCheck, context, at);
  if (!started.ok) throw new Error(sayFailure(started.failure));
  const response = authenticator.register(started.options.challenge);
  const added = await addPasskey(person, { response, name }, context, at);
  if (!added.ok) throw new Error(sayFailure(added.failure));
  return { recoveryCodes: added.recoveryCodes };
}

/** A live reset link for the account, stored as lib/password-reset/request-reset.ts stores it. */
export async function liveResetLink(account: Account, now: Date): Promise<string> {
  const { token, tokenHash } = newResetToken();
  await db.passwordResetToken.create({
    data: {
      userId: account.id,
      tokenHash,
      createdAt: now,
      expiresAt: addMs(now, RESET_LINK_LIFETIME_MS),
    },
  });
  return token;
}

/** Sign-ins that passed the password and wait for a code, as step 1 leaves them. */
export async function pendingSignIns(userId: string, count: number, now: Date): Promise<string[]> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const ids = Array.from({ length: count }, () => randomBytes(16).toString("base64url"));
  await db.signIn.createMany({
    data: ids.map((id) => ({
      id,
      userId,
      stage: "AWAITING_CODE",
      sessionVersion: user.sessionVersion,
      createdAt: now,
      expiresAt: new Date(now.getTime() + UNFINISHED_MAX_AGE_MS),
    })),
  });
  return ids;
}

/** A code guaranteed wrong for the secret within one step either side of `now`. */
export async function wrongCodeAt(secret: string, now: Date): Promise<string> {
  const valid = new Set(
    await Promise.all(
      [-1, 0, 1].map((s) => totpCodeAt(secret, new Date(now.getTime() + s * STEP_MS))),
    ),
  );
  for (let n = 0; ; n++) {
    const candidate = String((123456 + n * 7919) % 1_000_000).padStart(6, "0");
    if (!valid.has(candidate)) return candidate;
  }
}

export function addMs(at: Date, ms: number) {
  return new Date(at.getTime() + ms);
}

export async function auditEvents(type: string, subjectId?: string) {
  return db.auditEvent.findMany({
    where: { type, ...(subjectId ? { subjectId } : {}) },
    orderBy: { createdAt: "asc" },
  });
}
