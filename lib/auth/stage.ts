import type { InstanceSettings } from "@/lib/settings/settings";

/** What a sign-in still needs after the password: a code, an enrolment, or nothing. */
export type SignInStage = "AWAITING_CODE" | "AWAITING_ENROLMENT" | "COMPLETE";

export const DAY_MS = 24 * 60 * 60_000;

type AccountTwoFactor = {
  role: string;
  totpEnabledAt: Date | null;
  twoFactorRequiredAt: Date | null;
  /** Whether the account has a passkey: it counts as two-factor where passkeys are allowed. */
  hasPasskey?: boolean;
  /** When "Require a passkey for" first applied to it (its grace period counts from here). */
  passkeyRequiredAt?: Date | null;
};

/** An authenticator app, or a passkey where passkeys are allowed (docs/rules.md, rules 8, 18). */
export function hasSecondFactor(account: AccountTwoFactor, settings: InstanceSettings) {
  return Boolean(account.totpEnabledAt) || (settings.allowPasskeys && Boolean(account.hasPasskey));
}

export function policyApplies(account: { role: string }, settings: InstanceSettings) {
  if (!settings.twoFactorEnabled) return false;
  if (settings.requireTwoFactor === "EVERYONE") return true;
  return settings.requireTwoFactor === "ADMINS" && account.role === "ADMIN";
}

function daysLeft(since: Date | null | undefined, settings: InstanceSettings, now: Date) {
  const deadline = (since ?? now).getTime() + settings.gracePeriodDays * DAY_MS;
  return Math.max(0, Math.ceil((deadline - now.getTime()) / DAY_MS));
}

/** Whole days left before the policy sends this account to enrolment; null when it does not. */
export function graceDaysLeft(
  account: AccountTwoFactor,
  settings: InstanceSettings,
  now: Date,
): number | null {
  if (hasSecondFactor(account, settings) || !policyApplies(account, settings)) return null;
  return daysLeft(account.twoFactorRequiredAt, settings, now);
}

/**
 * "Require a passkey for" (docs/rules.md, rule 34): only where two-factor is on and passkeys are
 * allowed, so it never asks for what the instance does not accept.
 */
export function passkeyPolicyApplies(account: { role: string }, settings: InstanceSettings) {
  if (!settings.twoFactorEnabled || !settings.allowPasskeys) return false;
  if (settings.requirePasskey === "EVERYONE") return true;
  return settings.requirePasskey === "ADMINS" && account.role === "ADMIN";
}

/** Whole days left before a passkey is required of this account; null when it is not. */
export function passkeyGraceDaysLeft(
  account: AccountTwoFactor,
  settings: InstanceSettings,
  now: Date,
): number | null {
  if (account.hasPasskey || !passkeyPolicyApplies(account, settings)) return null;
  return daysLeft(account.passkeyRequiredAt, settings, now);
}

/**
 * What a sign-in still has to add on /login/enroll before anything else, or null: a factor added
 * after an admin-issued recovery code proved it (`recoveredAt`, rule 33), a passkey (rule 34),
 * or any second factor (rule 8). `newestFactorAt`: when its newest app or passkey was added.
 */
export type EnrolmentNeed = "new_factor" | "passkey" | "second_factor";

export function enrolmentNeed(
  account: AccountTwoFactor & { newestFactorAt?: Date | null },
  settings: InstanceSettings,
  now: Date,
  recoveredAt: Date | null = null,
): EnrolmentNeed | null {
  if (recoveredAt && !(account.newestFactorAt && account.newestFactorAt > recoveredAt)) {
    return "new_factor";
  }
  if (passkeyGraceDaysLeft(account, settings, now) === 0) return "passkey";
  return graceDaysLeft(account, settings, now) === 0 ? "second_factor" : null;
}

/**
 * A sign-in an admin-issued recovery code proved, still on /login/enroll (docs/rules.md, rule 33):
 * it may replace the lost app, and add a passkey with its password alone (the code was its factor).
 */
export function isRecovering(session: { stage: SignInStage; recoveredAt?: Date | null }) {
  return session.stage === "AWAITING_ENROLMENT" && Boolean(session.recoveredAt);
}

export function stageAfterPassword(
  account: AccountTwoFactor,
  settings: InstanceSettings,
  now: Date,
): SignInStage {
  if (!settings.twoFactorEnabled) return "COMPLETE";
  // The code comes first: a passkey still required after it is asked for on /login/enroll.
  if (hasSecondFactor(account, settings)) return "AWAITING_CODE";
  return enrolmentNeed(account, settings, now) ? "AWAITING_ENROLMENT" : "COMPLETE";
}
