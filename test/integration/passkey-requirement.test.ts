// docs/rules.md, rule 34 on real SQLite and PostgreSQL databases: "Require a passkey for" sends an
// account in scope without a passkey, after the grace period, from its password and code to
// /login/enroll, where only a passkey completes the sign-in; a trusted browser skips the code,
// never the passkey; the form refuses to require passkeys the instance does not accept.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";
import { SoftAuthenticator } from "@/test/support/soft-authenticator";
import { sayStoredFailure } from "@/words/say-failure";

process.env.NEXTAUTH_URL = "http://localhost:3000";
const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { saveSettings } = await import("@/lib/settings/settings");
const { twoFactorSettingsSchema } = await import("@/lib/settings/schemas");
const { signInWithPassword } = await import("@/lib/sign-in/password-step");
const { verifySecondStep } = await import("@/lib/sign-in/second-step");
const { completeEnrolmentIfDone } = await import("@/lib/two-factor/enrolment-need");
const { loadSession } = await import("@/lib/auth/session");
const { totpCodeAt } = await import("@/lib/two-factor/totp");
const { CONTEXT, PASSWORD, addMs, createAccount, enrol, registerPasskey } =
  await import("../support/db-accounts");

const T = new Date("2030-07-01T09:00:00Z");
const DAY = 24 * 60 * 60_000;

beforeEach(async () => {
  await saveSettings({
    twoFactorEnabled: true,
    companyName: "Acme",
    allowPasskeys: true,
    requirePasskey: "EVERYONE",
    gracePeriodDays: 0,
    trustBrowserDays: 0,
  });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

async function withApp() {
  const account = await createAccount();
  const { secret } = await enrol(account, addMs(T, -DAY));
  return { account, secret };
}

async function passwordStep(email: string, now = T) {
  const result = await signInWithPassword({ email, password: PASSWORD }, CONTEXT, now);
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe("Require a passkey for", () => {
  it("after the password and the code, an account without a passkey waits on /login/enroll until it adds one", async () => {
    const { account, secret } = await withApp();
    const step1 = await passwordStep(account.email);
    expect(step1.landing.stage).toBe("AWAITING_CODE");

    const code = await totpCodeAt(secret, T);
    const step2 = await verifySecondStep(step1.signInId, account, { code }, T, CONTEXT);
    expect(step2).toMatchObject({ ok: true, stage: "AWAITING_ENROLMENT" });
    const waiting = (await loadSession(step1.signInId, addMs(T, 1000)))!;
    expect(waiting.stage).toBe("AWAITING_ENROLMENT");
    expect(await completeEnrolmentIfDone(waiting, addMs(T, 1000))).toBe("passkey");

    const at = addMs(T, 60_000);
    const reCheck = { password: PASSWORD, code: await totpCodeAt(secret, at) };
    await registerPasskey(account, new SoftAuthenticator(), reCheck, at);
    expect(await completeEnrolmentIfDone(waiting, addMs(at, 1000))).toBeNull();
    expect(await loadSession(step1.signInId, addMs(at, 2000))).toMatchObject({ stage: "COMPLETE" });
  });

  it("an account with no factor at all is sent to enrolment at once, and an app alone does not complete it", async () => {
    const account = await createAccount();
    const step1 = await passwordStep(account.email);
    expect(step1.landing.stage).toBe("AWAITING_ENROLMENT");
    await enrol(account, addMs(T, 1000));
    const waiting = (await loadSession(step1.signInId, addMs(T, 2000)))!;
    expect(await completeEnrolmentIfDone(waiting, addMs(T, 2000))).toBe("passkey");
  });

  it("during the grace period the code completes the sign-in, counted from the first sign-in in scope", async () => {
    await saveSettings({ gracePeriodDays: 3 });
    const { account, secret } = await withApp();
    const first = await passwordStep(account.email);
    const code = await totpCodeAt(secret, T);
    const step2 = await verifySecondStep(first.signInId, account, { code }, T, CONTEXT);
    expect(step2).toMatchObject({ ok: true, stage: "COMPLETE" });
    const user = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(user.passkeyRequiredAt).toEqual(T);

    const later = addMs(T, 3 * DAY);
    const again = await passwordStep(account.email, later);
    const code2 = await totpCodeAt(secret, later);
    const late = await verifySecondStep(again.signInId, account, { code: code2 }, later, CONTEXT);
    expect(late).toMatchObject({ ok: true, stage: "AWAITING_ENROLMENT" });
  });

  it("Admins leaves customers alone; Nobody turns it off", async () => {
    await saveSettings({ requirePasskey: "ADMINS" });
    const { account, secret } = await withApp();
    const step1 = await passwordStep(account.email);
    const code = await totpCodeAt(secret, T);
    expect(await verifySecondStep(step1.signInId, account, { code }, T, CONTEXT)).toMatchObject({
      stage: "COMPLETE",
    });
    const admin = await createAccount("ADMIN");
    expect((await passwordStep(admin.email)).landing.stage).toBe("AWAITING_ENROLMENT");
    await saveSettings({ requirePasskey: "NOBODY" });
    expect((await passwordStep(admin.email)).landing.stage).toBe("COMPLETE");
  });

  it("with passkeys not allowed it asks for nothing, and the form refuses to require them", async () => {
    await saveSettings({ allowPasskeys: false });
    const account = await createAccount();
    expect((await passwordStep(account.email)).landing.stage).toBe("COMPLETE");

    const form = {
      companyName: "Acme",
      requireTwoFactor: "NOBODY",
      gracePeriodDays: "0",
      trustBrowserDays: "0",
      requirePasskey: "EVERYONE",
    };
    const refused = twoFactorSettingsSchema.safeParse(form);
    expect(refused.success).toBe(false);
    const said = refused.error?.issues.map((issue) => [
      issue.path,
      sayStoredFailure(issue.message),
    ]);
    expect(said).toEqual([
      [
        ["requirePasskey"],
        "Turn on “Allow passkeys” before requiring a passkey, or choose Nobody.",
      ],
    ]);
    expect(twoFactorSettingsSchema.safeParse({ ...form, allowPasskeys: "on" }).success).toBe(true);
  });
});
