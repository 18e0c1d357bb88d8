import "server-only";
import { randomBytes } from "node:crypto";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { getSettings } from "@/lib/settings/settings";
import { PASSWORD_MAX } from "@/lib/users/schemas";
import { verifyPassword } from "./password";
import { policyApplies, stageAfterPassword } from "./stage";
import { isTrustedBrowser } from "./trusted-browsers";
import {
  passwordAttemptFailed,
  passwordAttemptSucceeded,
  reservePasswordAttempt,
  throttleKeys,
} from "./throttle";

/** A complete sign-in lasts a working day; a pending one only as long as it takes to type a code. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
export const PENDING_MAX_AGE_MS = 10 * 60_000;

export type PasswordSignInResult =
  | { ok: true; userId: string; signInId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export function newSignInId() {
  return randomBytes(32).toString("base64url");
}

function readCredentials(input: unknown) {
  const { email, password } = (input ?? {}) as Record<string, unknown>;
  if (typeof email !== "string" || typeof password !== "string") return null;
  const normalizedEmail = email.trim().toLowerCase();
  if (!normalizedEmail || normalizedEmail.length > 320 || !password) return null;
  if (password.length > PASSWORD_MAX * 4) return null;
  return { email: normalizedEmail, password };
}

/** Step 1: the password. Returns the new sign-in, whose stage says what it still needs. */
export async function signInWithPassword(
  input: unknown,
  context: RequestContext,
  now = new Date(),
  trustedBrowserToken: (userId: string) => string | undefined = () => undefined,
): Promise<PasswordSignInResult> {
  const credentials = readCredentials(input);
  if (!credentials) return { ok: false, reason: "invalid" };

  const keys = throttleKeys(credentials.email, context.clientAddress);
  const attempt = await reservePasswordAttempt(keys, now);
  if (!attempt.ok) {
    return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  }

  const user = await db.user.findUnique({ where: { email: credentials.email } });
  const passwordMatches = await verifyPassword(user?.passwordHash ?? null, credentials.password);
  if (!user || !passwordMatches) {
    const blocked = await passwordAttemptFailed(keys, now);
    await recordAuditEvent({
      type: "sign_in_failed",
      subject: user ? { id: user.id, email: user.email } : null,
      subjectEmail: credentials.email,
      context,
      details: { reason: user ? "wrong_password" : "unknown_email" },
    });
    if (blocked) {
      await recordAuditEvent({
        type: "sign_in_throttled",
        subjectEmail: credentials.email,
        context,
      });
    }
    return { ok: false, reason: "invalid" };
  }

  await passwordAttemptSucceeded(keys, now);
  const settings = await getSettings();
  if (policyApplies(user, settings) && !user.totpEnabledAt && !user.twoFactorRequiredAt) {
    await db.user.update({ where: { id: user.id }, data: { twoFactorRequiredAt: now } });
    user.twoFactorRequiredAt = now;
  }
  let stage = stageAfterPassword(user, settings, now);
  const trusted =
    stage === "PENDING" &&
    settings.trustBrowserDays > 0 &&
    (await isTrustedBrowser(user.id, trustedBrowserToken(user.id), now));
  if (trusted) stage = "COMPLETE";
  const signIn = await db.signIn.create({
    data: {
      id: newSignInId(),
      userId: user.id,
      stage,
      sessionVersion: user.sessionVersion,
      createdAt: now,
      completedAt: stage === "COMPLETE" ? now : null,
      expiresAt: new Date(
        now.getTime() +
          (stage === "COMPLETE" ? SESSION_MAX_AGE_SECONDS * 1000 : PENDING_MAX_AGE_MS),
      ),
      clientAddress: context.clientAddress,
      userAgent: context.userAgent,
    },
  });
  await recordAuditEvent({
    type: "sign_in_succeeded",
    subject: user,
    context,
    details: { step: trusted ? "trusted_browser" : stage === "COMPLETE" ? "complete" : "password" },
  });
  return { ok: true, userId: user.id, signInId: signIn.id };
}
