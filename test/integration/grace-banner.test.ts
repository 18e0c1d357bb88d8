// docs/rules.md, rules 8 and 18: during the grace period every page shows a countdown, unless the
// account has a second factor: an authenticator app, or a passkey where passkeys are allowed.
// The banner asks about passkeys only when one could take the countdown away; this
// checks that it still does then.
import { afterAll, describe, expect, it } from "vitest";
import type { InstanceSettings } from "@/lib/settings/settings";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { DEFAULT_SETTINGS } = await import("@/lib/settings/settings");
const { graceCountdown } = await import("@/components/two-factor/grace-banner");
const { safeUserSelect } = await import("@/lib/auth/account");
const { createAccount, enrol } = await import("../support/db-accounts");

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

const POLICY: InstanceSettings = {
  ...DEFAULT_SETTINGS,
  twoFactorEnabled: true,
  requireTwoFactor: "EVERYONE",
  gracePeriodDays: 3,
};

async function bannerFor(userId: string, settings = POLICY) {
  await db.user.update({ where: { id: userId }, data: { twoFactorRequiredAt: new Date() } });
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: safeUserSelect });
  const session = { signInId: "s", stage: "COMPLETE" as const, user };
  return graceCountdown(session, settings, new Date());
}

describe("the grace banner", () => {
  it("counts down for an account without a second factor, and not under no policy", async () => {
    const account = await createAccount();
    expect(await bannerFor(account.id)).not.toBeNull();
    expect(await bannerFor(account.id, DEFAULT_SETTINGS)).toBeNull();
  });

  it("is gone for an account with an authenticator app", async () => {
    const account = await createAccount();
    await enrol(account, new Date());
    expect(await bannerFor(account.id)).toBeNull();
  });

  it("is gone for an account with a passkey, unless passkeys are off", async () => {
    const account = await createAccount();
    await db.passkey.create({
      data: {
        userId: account.id,
        credentialId: `credential-${account.id}`,
        publicKey: Buffer.from([1, 2, 3]),
        name: "Test key",
      },
    });
    expect(await bannerFor(account.id)).toBeNull();
    expect(await bannerFor(account.id, { ...POLICY, allowPasskeys: false })).not.toBeNull();
  });
});
