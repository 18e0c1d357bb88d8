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

/** Whole days left before the policy sends this account to enrolment; null when it does not. */
export function graceDaysLeft(
  account: AccountTwoFactor,
  settings: InstanceSettings,
  now: Date,
): number | null {
  if (hasSecondFactor(account, settings) || !policyApplies(account, settings)) return null;
  const since = account.twoFactorRequiredAt ?? now;
  const deadline = since.getTime() + settings.gracePeriodDays * DAY_MS;
  return Math.max(0, Math.ceil((deadline - now.getTime()) / DAY_MS));
}

export function stageAfterPassword(
  account: AccountTwoFactor,
  settings: InstanceSettings,
  now: Date,
): SignInStage {
  if (!settings.twoFactorEnabled) return "COMPLETE";
  if (hasSecondFactor(account, settings)) return "AWAITING_CODE";
  return graceDaysLeft(account, settings, now) === 0 ? "AWAITING_ENROLMENT" : "COMPLETE";
}
