import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { HAS_PASSKEY_COLUMN, sqlBoolean } from "@/lib/db/raw-sql";
import { getSettings } from "@/lib/settings/settings";
import { PASSWORD_MAX } from "@/lib/forms/field-limits";
import { deviceCookieName, trustedBrowserCookieName } from "@/lib/auth/cookie-names";
import {
  deviceIdFromCookie,
  issueDeviceCookie,
  type DeviceCookie,
} from "@/lib/auth/device-cookies";
import { verifyPassword } from "@/lib/auth/password";
import { openSignIn } from "@/lib/auth/sign-in-rows";
import type { Landing } from "@/lib/auth/landing";
import {
  enrolmentNeed,
  hasSecondFactor,
  passkeyPolicyApplies,
  policyApplies,
  stageAfterPassword,
} from "@/lib/auth/stage";
import { isTrustedBrowser } from "@/lib/two-factor/trusted-browsers";
import { isKnownBrowser } from "./known-browser";
import {
  passwordAttemptFailed,
  passwordAttemptSucceeded,
  reservePasswordAttempt,
  throttleKeys,
  whileChecking,
} from "@/lib/auth/throttle";

export type PasswordSignInResult =
  /** `deviceCookie` is for the browser to keep: it marks it as known to this account. */
  | {
      ok: true;
      userId: string;
      signInId: string;
      deviceCookie: DeviceCookie;
      /** Where the browser goes next (lib/auth/landing.ts). */
      landing: Landing;
    }
  | { ok: false; reason: "invalid" }
  /** The right password for an account an admin deactivated: said as such, nothing opened. */
  | { ok: false; reason: "deactivated" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

function readCredentials(input: unknown) {
  const { email, password } = (input ?? {}) as Record<string, unknown>;
  if (typeof email !== "string" || typeof password !== "string") return null;
  const normalizedEmail = email.trim().toLowerCase();
  if (!normalizedEmail || normalizedEmail.length > 320 || !password) return null;
  if (password.length > PASSWORD_MAX * 4) return null;
  return { email: normalizedEmail, password };
}

/**
 * The account a password is checked for, with what its stage after the password depends on. One
 * raw statement: every sign-in reads it, and Prisma's read (with its passkey count) costs about
 * three times the CPU (docs/architecture.md, "Reads per request").
 */
async function accountByEmail(email: string) {
  const rows = await db.$queryRaw<
    {
      id: string;
      email: string;
      passwordHash: string;
      role: string;
      sessionVersion: number | bigint;
      totpEnabledAt: Date | null;
      twoFactorRequiredAt: Date | null;
      passkeyRequiredAt: Date | null;
      deactivatedAt: Date | null;
      hasPasskey: unknown;
    }[]
  >`
    SELECT u."id", u."email", u."passwordHash", u."role", u."sessionVersion", u."totpEnabledAt",
      u."twoFactorRequiredAt", u."passkeyRequiredAt", u."deactivatedAt", ${HAS_PASSKEY_COLUMN}
    FROM "User" u WHERE u."email" = ${email}`;
  const row = rows[0];
  if (!row) return null;
  return {
    ...row,
    sessionVersion: Number(row.sessionVersion),
    hasPasskey: sqlBoolean(row.hasPasskey),
  };
}

/** Reads one of the browser's cookies by name. */
export type BrowserCookies = (name: string) => string | undefined;

/** Step 1: the password. Returns the new sign-in, whose stage says what it still needs. */
export async function signInWithPassword(
  input: unknown,
  context: RequestContext,
  now = new Date(),
  cookie: BrowserCookies = () => undefined,
): Promise<PasswordSignInResult> {
  const credentials = readCredentials(input);
  if (!credentials) return { ok: false, reason: "invalid" };

  // Read before the limits, to know which count a device cookie would use; a lookup is cheap,
  // and the limits ration the password checks.
  const user = await accountByEmail(credentials.email);
  const deviceId = user
    ? deviceIdFromCookie(user.id, cookie(deviceCookieName(user.id)), now)
    : null;
  // An email that names no account counts against the address alone: no row per address typed
  // (docs/rules.md, rule 23).
  const keys = throttleKeys(
    user ? credentials.email : null,
    context.clientAddress,
    deviceId ?? undefined,
  );
  const attempt = await reservePasswordAttempt(keys, now);
  if (!attempt.ok) {
    return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  }

  const passwordMatches = await whileChecking(attempt.reservation, () =>
    verifyPassword(user?.passwordHash ?? null, credentials.password),
  );
  if (!user || !passwordMatches) {
    const blocked = await passwordAttemptFailed(attempt.reservation, now);
    // Only an existing account is named: what was typed for an unknown one may be a password
    // typed into the wrong field, and the security log must never hold it.
    const subject = user ? { id: user.id, email: user.email } : null;
    await recordAuditEvent({
      type: "sign_in_failed",
      subject,
      context,
      details: { reason: user ? "wrong_password" : "unknown_email" },
    });
    if (blocked) await recordAuditEvent({ type: "sign_in_throttled", subject, context });
    return { ok: false, reason: "invalid" };
  }

  await passwordAttemptSucceeded(attempt.reservation, now);
  // Only after the right password: a wrong one gets the usual answer, so the message tells no
  // more than the password does.
  if (user.deactivatedAt) {
    await recordAuditEvent({
      type: "sign_in_failed",
      subject: user,
      context,
      details: { reason: "deactivated" },
    });
    return { ok: false, reason: "deactivated" };
  }
  const settings = await getSettings();
  if (
    policyApplies(user, settings) &&
    !hasSecondFactor(user, settings) &&
    !user.twoFactorRequiredAt
  ) {
    await db.user.update({ where: { id: user.id }, data: { twoFactorRequiredAt: now } });
    user.twoFactorRequiredAt = now;
  }
  // "Require a passkey for": its grace period counts from here (docs/rules.md, rule 34).
  if (passkeyPolicyApplies(user, settings) && !user.hasPasskey && !user.passkeyRequiredAt) {
    await db.user.update({ where: { id: user.id }, data: { passkeyRequiredAt: now } });
    user.passkeyRequiredAt = now;
  }
  let stage = stageAfterPassword(user, settings, now);
  const trusted =
    stage === "AWAITING_CODE" &&
    settings.trustBrowserDays > 0 &&
    (await isTrustedBrowser(user.id, cookie(trustedBrowserCookieName(user.id)), now));
  // A trusted browser skips the code, never a passkey still required (rule 34).
  if (trusted) stage = enrolmentNeed(user, settings, now) ? "AWAITING_ENROLMENT" : "COMPLETE";
  const newBrowser = !trusted && !(await isKnownBrowser(db, user.id, cookie, now));
  const signInId = await openSignIn(user, stage, context, now, undefined, newBrowser);
  await recordAuditEvent({
    type: "sign_in_succeeded",
    subject: user,
    context,
    details: { step: trusted ? "trusted_browser" : stage === "COMPLETE" ? "complete" : "password" },
  });
  // Issued after the password alone, before any second step: it only changes which count step 1
  // uses, and passing the password is what makes this browser the owner's.
  return {
    ok: true,
    userId: user.id,
    signInId,
    deviceCookie: issueDeviceCookie(user.id, now),
    landing: { stage, role: user.role },
  };
}
