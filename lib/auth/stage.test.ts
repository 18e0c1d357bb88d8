import { describe, expect, it } from "vitest";
import type { InstanceSettings } from "@/lib/settings/settings";
import { DAY_MS, graceDaysLeft, policyApplies, stageAfterPassword } from "./stage";

const NOW = new Date("2030-01-01T12:00:00Z");
const days = (n: number) => new Date(NOW.getTime() + n * DAY_MS);

const settings = (changes: Partial<InstanceSettings> = {}): InstanceSettings => ({
  companyName: "Acme",
  twoFactorEnabled: true,
  requireTwoFactor: "NOBODY",
  gracePeriodDays: 7,
  trustBrowserDays: 0,
  allowPasskeys: true,
  requirePasskey: "NOBODY",
  defaultLanguage: "en",
  ...changes,
});

const customer = { role: "CUSTOMER", totpEnabledAt: null, twoFactorRequiredAt: null };
const admin = { ...customer, role: "ADMIN" };
const enrolled = { ...customer, totpEnabledAt: days(-30) };

describe("stageAfterPassword", () => {
  it("with 2FA off for the instance, the password completes every sign-in", () => {
    const off = settings({
      twoFactorEnabled: false,
      requireTwoFactor: "EVERYONE",
      gracePeriodDays: 0,
    });
    expect(stageAfterPassword(enrolled, off, NOW)).toBe("COMPLETE");
    expect(stageAfterPassword(customer, off, NOW)).toBe("COMPLETE");
  });

  it("an enrolled account needs a code", () => {
    expect(stageAfterPassword(enrolled, settings(), NOW)).toBe("AWAITING_CODE");
    expect(
      stageAfterPassword(
        enrolled,
        settings({ requireTwoFactor: "EVERYONE", gracePeriodDays: 0 }),
        NOW,
      ),
    ).toBe("AWAITING_CODE");
  });

  it("without a policy an account without 2FA signs in with its password", () => {
    expect(stageAfterPassword(customer, settings(), NOW)).toBe("COMPLETE");
  });

  it("policy Everyone with no grace period sends an account without 2FA to enrolment", () => {
    const policy = settings({ requireTwoFactor: "EVERYONE", gracePeriodDays: 0 });
    expect(stageAfterPassword(customer, policy, NOW)).toBe("AWAITING_ENROLMENT");
    expect(stageAfterPassword({ ...customer, twoFactorRequiredAt: NOW }, policy, NOW)).toBe(
      "AWAITING_ENROLMENT",
    );
  });

  it("a grace period of 3 days counts down, then enrolment is required", () => {
    const policy = settings({ requireTwoFactor: "EVERYONE", gracePeriodDays: 3 });
    const account = { ...customer, twoFactorRequiredAt: NOW };
    expect(graceDaysLeft(account, policy, NOW)).toBe(3);
    expect(stageAfterPassword(account, policy, NOW)).toBe("COMPLETE");
    expect(graceDaysLeft(account, policy, days(1))).toBe(2);
    expect(graceDaysLeft(account, policy, days(2.5))).toBe(1);
    expect(stageAfterPassword(account, policy, new Date(days(3).getTime() - 1))).toBe("COMPLETE");
    expect(graceDaysLeft(account, policy, days(3))).toBe(0);
    expect(stageAfterPassword(account, policy, days(3))).toBe("AWAITING_ENROLMENT");
    expect(graceDaysLeft(account, policy, days(30))).toBe(0);
    expect(stageAfterPassword(account, policy, days(30))).toBe("AWAITING_ENROLMENT");
  });

  it("the grace period counts from now for an account the policy has not reached yet", () => {
    const policy = settings({ requireTwoFactor: "EVERYONE", gracePeriodDays: 3 });
    expect(graceDaysLeft(customer, policy, NOW)).toBe(3);
  });

  it("policy Admins leaves customers alone and reaches admins", () => {
    const policy = settings({ requireTwoFactor: "ADMINS", gracePeriodDays: 0 });
    expect(policyApplies(customer, policy)).toBe(false);
    expect(graceDaysLeft(customer, policy, NOW)).toBeNull();
    expect(stageAfterPassword(customer, policy, days(100))).toBe("COMPLETE");
    expect(policyApplies(admin, policy)).toBe(true);
    expect(stageAfterPassword(admin, policy, NOW)).toBe("AWAITING_ENROLMENT");
  });
});

describe("policyApplies and graceDaysLeft", () => {
  it("no policy while 2FA is off for the instance or the policy is Nobody", () => {
    expect(
      policyApplies(admin, settings({ twoFactorEnabled: false, requireTwoFactor: "EVERYONE" })),
    ).toBe(false);
    expect(policyApplies(admin, settings({ requireTwoFactor: "NOBODY" }))).toBe(false);
    expect(policyApplies(customer, settings({ requireTwoFactor: "EVERYONE" }))).toBe(true);
  });

  it("no countdown for an enrolled account", () => {
    expect(graceDaysLeft(enrolled, settings({ requireTwoFactor: "EVERYONE" }), NOW)).toBeNull();
  });
});

describe("a passkey as the second factor (docs/rules.md, rule 18)", () => {
  const passkeyOnly = { ...customer, hasPasskey: true };
  const policy = settings({ requireTwoFactor: "EVERYONE", gracePeriodDays: 0 });

  it("counts as enrolment for the policy and asks for the second step", () => {
    expect(graceDaysLeft(passkeyOnly, policy, NOW)).toBeNull();
    expect(stageAfterPassword(passkeyOnly, policy, NOW)).toBe("AWAITING_CODE");
  });

  it("counts for nothing while passkeys are not allowed", () => {
    const off = settings({
      requireTwoFactor: "EVERYONE",
      gracePeriodDays: 0,
      allowPasskeys: false,
    });
    expect(graceDaysLeft(passkeyOnly, off, NOW)).toBe(0);
    expect(stageAfterPassword(passkeyOnly, off, NOW)).toBe("AWAITING_ENROLMENT");
    expect(stageAfterPassword(passkeyOnly, settings({ allowPasskeys: false }), NOW)).toBe(
      "COMPLETE",
    );
  });
});
