// docs/rules.md, rule 18 on real SQLite and PostgreSQL databases (vitest.config.ts): passkey
// challenges are single use across any number of concurrent uses, the signature counter only
// moves forward, and forged, replayed, foreign or late assertions change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saying } from "@/test/support/said";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";
import { SoftAuthenticator } from "@/test/support/soft-authenticator";

process.env.NEXTAUTH_URL = "http://localhost:3000";
const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { saveSettings } = await import("@/lib/settings/settings");
const { startPasskeyRegistration: startPasskeyRegistrationCoded, addPasskey: addPasskeyCoded } =
  await import("@/lib/two-factor/passkey-registration");
const { assertionOptions } = await import("@/lib/passkeys/assertion-options");
const { signInWithPasskey, completeSecondStepWithPasskey } =
  await import("@/lib/sign-in/passkey-sign-in");
const { signInWithPassword } = await import("@/lib/sign-in/password-step");
const { CONTEXT, PASSWORD, addMs, auditEvents, createAccount, pendingSignIns, registerPasskey } =
  await import("../support/db-accounts");
const startPasskeyRegistration = saying(startPasskeyRegistrationCoded);
const addPasskey = saying(addPasskeyCoded);

const T = new Date("2030-01-01T12:00:10Z");
type Account = { id: string; email: string };

beforeAll(async () => {
  await saveSettings({ twoFactorEnabled: true, companyName: "Acme", allowPasskeys: true });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

/** An account with one passkey on a fresh software authenticator, added as the page adds it. */
async function accountWithPasskey(now = T) {
  const account = await createAccount();
  const authenticator = new SoftAuthenticator();
  const { recoveryCodes } = await registerPasskey(
    account,
    authenticator,
    { password: PASSWORD },
    now,
  );
  return { account, authenticator, recoveryCodes };
}

const signInChallenge = async (now = T) => (await assertionOptions(null, now)).challenge;
const signInCount = (userId: string) => db.signIn.count({ where: { userId } });

describe("adding a passkey", () => {
  it("names an unnamed passkey after its authenticator's AAGUID when the list knows it, else the browser", async () => {
    const firefox = { ...CONTEXT, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" };
    const nameOf = async (aaguid: string | null) => {
      const account = await createAccount();
      const authenticator = new SoftAuthenticator();
      if (aaguid) authenticator.aaguid = aaguid;
      await registerPasskey(account, authenticator, { password: PASSWORD }, T, {
        name: "",
        context: firefox,
      });
      return (await db.passkey.findFirstOrThrow({ where: { userId: account.id } })).name;
    };
    expect(await nameOf("08987058-cadc-4b81-b6e1-30de50dcbe96")).toBe("Windows Hello");
    expect(await nameOf("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4")).toBe("Google Password Manager");
    expect(await nameOf(null)).toBe("Firefox on Linux");
  });

  it("stores it with 10 recovery codes for an account without any, and audits it", async () => {
    const { account, recoveryCodes } = await accountWithPasskey();
    expect(recoveryCodes).toHaveLength(10);
    expect(await db.passkey.count({ where: { userId: account.id } })).toBe(1);
    expect(await auditEvents("passkey_added", account.id)).toHaveLength(1);
  });

  it("refuses a wrong password (counted and audited), and a credential id of another account", async () => {
    const { authenticator } = await accountWithPasskey();
    const other = { ...(await createAccount()), name: "Other" };
    const wrong = await startPasskeyRegistration(other, { password: "wrong" }, CONTEXT, T);
    expect(wrong.ok).toBe(false);
    expect(await auditEvents("password_check_failed", other.id)).toHaveLength(1);
    const started = await startPasskeyRegistration(other, { password: PASSWORD }, CONTEXT, T);
    if (!started.ok) throw new Error(started.message);
    const copy = authenticator.register(started.options.challenge);
    const added = await addPasskey(other, { response: copy, name: "" }, CONTEXT, T);
    expect(added).toMatchObject({ ok: false, message: "This passkey is already registered." });
    expect(await db.passkey.count({ where: { userId: other.id } })).toBe(0);
  });
});

describe("a password sign-in of an account whose second factor is a passkey", () => {
  it("waits for step 2, as one with an authenticator app does; one without completes", async () => {
    const stageAfterPassword = async (account: Account) => {
      const result = await signInWithPassword(
        { email: account.email, password: PASSWORD },
        CONTEXT,
        T,
      );
      if (!result.ok) throw new Error(result.reason);
      return (await db.signIn.findUniqueOrThrow({ where: { id: result.signInId } })).stage;
    };
    const { account } = await accountWithPasskey();
    expect(await stageAfterPassword(account)).toBe("AWAITING_CODE");
    // 2FA is on but not required: an account with no second factor is signed in.
    expect(await stageAfterPassword(await createAccount())).toBe("COMPLETE");
  });
});

describe("one challenge, many concurrent uses", () => {
  it("50 concurrent sign-ins with one assertion: exactly one accepted", async () => {
    const { account, authenticator } = await accountWithPasskey();
    const assertion = authenticator.assert(await signInChallenge(), 1);
    const before = await signInCount(account.id);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => signInWithPasskey(assertion, CONTEXT, T)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await signInCount(account.id)).toBe(before + 1);
    expect(await auditEvents("passkey_used", account.id)).toHaveLength(1);
  });

  it("50 concurrent sign-ins with 50 different valid counters over one challenge: exactly one", async () => {
    const { account, authenticator } = await accountWithPasskey();
    const challenge = await signInChallenge();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        signInWithPasskey(authenticator.assert(challenge, index + 1), CONTEXT, T),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await auditEvents("passkey_used", account.id)).toHaveLength(1);
  });

  it("50 concurrent step-2 uses of one assertion complete exactly one pending sign-in", async () => {
    const { account, authenticator } = await accountWithPasskey();
    const pending = await pendingSignIns(account.id, 50, T);
    const { challenge } = await assertionOptions(account, T);
    const assertion = authenticator.assert(challenge, 1, { verified: false });
    const results = await Promise.all(
      pending.map((id) => completeSecondStepWithPasskey(id, account, assertion, CONTEXT, T)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await db.signIn.count({ where: { id: { in: pending }, stage: "COMPLETE" } })).toBe(1);
  });
});

describe("refusals change nothing but the challenge", () => {
  async function refused(account: Account, assertion: unknown, now = T) {
    const before = await signInCount(account.id);
    const result = await signInWithPasskey(assertion, CONTEXT, now);
    expect(result.ok).toBe(false);
    expect(await signInCount(account.id)).toBe(before);
    return result;
  }

  it("a deactivated account's passkey, until it is reactivated", async () => {
    const activation = await import("@/lib/users/deactivation");
    const deactivateAccount = saying(activation.deactivateAccount);
    const reactivateAccount = saying(activation.reactivateAccount);
    const { account, authenticator } = await accountWithPasskey();
    expect(await deactivateAccount(account.id, null, CONTEXT, T)).toMatchObject({ ok: true });
    const refusal = await refused(account, authenticator.assert(await signInChallenge(), 1));
    expect(refusal).toMatchObject({ reason: "sign_in_over" });
    expect(await reactivateAccount(account.id, null, CONTEXT, T)).toMatchObject({ ok: true });
    const assertion = authenticator.assert(await signInChallenge(), 2);
    expect(await signInWithPasskey(assertion, CONTEXT, T)).toMatchObject({ ok: true });
  });

  it("a replayed assertion", async () => {
    const { account, authenticator } = await accountWithPasskey();
    const assertion = authenticator.assert(await signInChallenge(), 1);
    expect((await signInWithPasskey(assertion, CONTEXT, T)).ok).toBe(true);
    expect(await refused(account, assertion)).toMatchObject({ reason: "challenge" });
  });

  it("a counter that goes backwards is refused and audited", async () => {
    const { account, authenticator } = await accountWithPasskey();
    expect(
      (await signInWithPasskey(authenticator.assert(await signInChallenge(), 7), CONTEXT, T)).ok,
    ).toBe(true);
    const clone = authenticator.assert(await signInChallenge(), 3);
    expect(await refused(account, clone)).toMatchObject({ reason: "counter" });
    const events = await auditEvents("passkey_refused", account.id);
    expect(events.at(-1)?.details).toContain("counter_regression");
    const stored = await db.passkey.findFirstOrThrow({ where: { userId: account.id } });
    expect(Number(stored.counter)).toBe(7);
  });

  it("another origin, no user verification, a forged signature, an expired challenge, garbage", async () => {
    const { account, authenticator } = await accountWithPasskey();
    const forger = new SoftAuthenticator();
    const cases = [
      authenticator.assert(await signInChallenge(), 1, { origin: "http://evil.example" }),
      authenticator.assert(await signInChallenge(), 1, { verified: false }),
      forger.assert(await signInChallenge(), 1, { credentialId: authenticator.id }),
    ];
    for (const assertion of cases)
      expect(await refused(account, assertion)).toMatchObject({ reason: "invalid" });
    const late = authenticator.assert(await signInChallenge(), 1);
    expect(await refused(account, late, addMs(T, 5 * 60_000 + 1))).toMatchObject({
      reason: "challenge",
    });
    for (const garbage of ["{", "[]", 42, null, { id: "x" }]) {
      expect(await refused(account, garbage)).toMatchObject({ reason: "malformed" });
    }
    const stored = await db.passkey.findFirstOrThrow({ where: { userId: account.id } });
    expect(Number(stored.counter)).toBe(0);
    expect(stored.lastUsedAt).toBeNull();
  });

  it("a sign-in challenge is signed, not stored: /login's options write nothing; an altered one, or a step-2 one, is refused", async () => {
    const before = await db.passkeyChallenge.count();
    for (let i = 0; i < 20; i++) await signInChallenge();
    expect(await db.passkeyChallenge.count()).toBe(before);
    const { account, authenticator } = await accountWithPasskey();
    const altered = Buffer.from(await signInChallenge(), "base64url");
    altered[20]! ^= 0xff; // the expiry, pushed years ahead
    expect(
      await refused(account, authenticator.assert(altered.toString("base64url"), 1)),
    ).toMatchObject({ reason: "challenge" });
    const { challenge: stepTwo } = await assertionOptions(account, T);
    expect(await refused(account, authenticator.assert(stepTwo, 1))).toMatchObject({
      reason: "challenge",
    });
    // Used, it is kept until it expires, so that it is used once.
    expect(
      (await signInWithPasskey(authenticator.assert(await signInChallenge(), 1), CONTEXT, T)).ok,
    ).toBe(true);
    expect(await db.passkeyChallenge.count({ where: { purpose: "SIGN_IN" } })).toBeGreaterThan(0);
  });

  it("at step 2, another account's passkey", async () => {
    const { authenticator } = await accountWithPasskey();
    const { account: other } = await accountWithPasskey();
    const [pending] = await pendingSignIns(other.id, 1, T);
    const { challenge } = await assertionOptions(other, T);
    const result = await completeSecondStepWithPasskey(
      pending!,
      other,
      authenticator.assert(challenge, 1),
      CONTEXT,
      T,
    );
    expect(result).toMatchObject({ ok: false, reason: "unknown" });
    expect((await db.signIn.findUniqueOrThrow({ where: { id: pending! } })).stage).toBe(
      "AWAITING_CODE",
    );
  });

  it("with passkeys turned off, a valid assertion is refused; the passkey is kept", async () => {
    const { account, authenticator } = await accountWithPasskey();
    const assertion = authenticator.assert(await signInChallenge(), 1);
    await saveSettings({ allowPasskeys: false });
    try {
      expect(await refused(account, assertion)).toMatchObject({ reason: "turned_off" });
      expect(await db.passkey.count({ where: { userId: account.id } })).toBe(1);
    } finally {
      await saveSettings({ allowPasskeys: true });
    }
  });
});
