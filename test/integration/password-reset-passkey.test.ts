// docs/rules.md, rules 18 and 21 on real SQLite and PostgreSQL databases: a reset link takes one of
// its account's passkeys as the second factor, over a challenge issued for that link's account,
// and completes in the same one transaction as with a code. Another account's passkey, a replayed
// or foreign-purpose assertion, and a used or expired link are refused and change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saying } from "@/test/support/said";
import { sayFailure } from "@/words/say-failure";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";
import { SoftAuthenticator } from "@/test/support/soft-authenticator";

process.env.NEXTAUTH_URL = "http://localhost:3000";
const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { saveSettings } = await import("@/lib/settings/settings");
const { verifyPassword } = await import("@/lib/auth/password");
const { trustBrowser } = await import("@/lib/two-factor/trusted-browsers");
const { assertionOptions } = await import("@/lib/passkeys/assertion-options");
const { resetPasswordWithPasskey: resetPasswordWithPasskeyCoded } =
  await import("@/lib/password-reset/reset-with-passkey");
const { accountOfResetLink, RESET_LINK_LIFETIME_MS } = await import("@/lib/password-reset/tokens");
const {
  CONTEXT,
  PASSWORD,
  addMs,
  auditEvents,
  createAccount,
  enrol,
  pendingSignIns,
  registerPasskey,
  liveResetLink,
} = await import("../support/db-accounts");
const resetPasswordWithPasskey = saying(resetPasswordWithPasskeyCoded);
const PASSKEY_NOT_ACCEPTED = sayFailure({ code: "passkey_unusable" });
const INVALID_LINK = sayFailure({ code: "invalid_link" });

const T = new Date("2030-04-01T09:00:10Z");
const HOUR = 60 * 60_000;
const NEW_PASSWORD = "a brand new passphrase";
type Account = { id: string; email: string };

beforeAll(async () => {
  await saveSettings({ twoFactorEnabled: true, companyName: "Acme", allowPasskeys: true });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

/** An account with a passkey (added as the account page adds it) and an authenticator app. */
async function accountWithPasskey() {
  const account = await createAccount();
  const authenticator = new SoftAuthenticator();
  await registerPasskey(account, authenticator, { password: PASSWORD }, addMs(T, -2 * HOUR));
  await enrol(account, addMs(T, -HOUR));
  return { account, authenticator };
}

const linkFor = (account: Account, now = T) => liveResetLink(account, now);

const resetChallenge = async (account: Account, now = T) =>
  (await assertionOptions(account, now, "RESET")).challenge;

/** What a reset changes; a refusal must leave all of it as it was. */
async function stateOf(account: Account) {
  const user = await db.user.findUniqueOrThrow({ where: { id: account.id } });
  return {
    passwordHash: user.passwordHash,
    sessionVersion: user.sessionVersion,
    openSignIns: await db.signIn.count({ where: { userId: account.id, endedAt: null } }),
    trustedBrowsers: await db.trustedBrowser.count({ where: { userId: account.id } }),
    liveLinks: await db.passwordResetToken.count({ where: { userId: account.id, usedAt: null } }),
    resets: (await auditEvents("password_reset", account.id)).length,
    notices: await db.outboxMessage.count({ where: { recipient: account.email } }),
  };
}

async function withSignInsAndTrust(account: Account) {
  await pendingSignIns(account.id, 2, T);
  await trustBrowser(account.id, "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", 30, T);
}

describe("a reset with a passkey", () => {
  it("asks an account with a passkey for a second factor, and offers the passkey", async () => {
    const { account } = await accountWithPasskey();
    const passkeyOnly = await createAccount();
    await db.passkey.create({
      data: {
        userId: passkeyOnly.id,
        credentialId: "only",
        publicKey: Buffer.from([1]),
        name: "K",
      },
    });
    const link = await accountOfResetLink(await linkFor(account), T);
    expect(link?.account).toMatchObject({ secondFactor: true, withApp: true, passkey: true });
    const only = await accountOfResetLink(await linkFor(passkeyOnly), T);
    expect(only?.account).toMatchObject({ secondFactor: true, withApp: false, passkey: true });
  });

  it("sets the password, ends sign-ins, revokes trusted browsers, uses the link, notifies and audits", async () => {
    const { account, authenticator } = await accountWithPasskey();
    await withSignInsAndTrust(account);
    const token = await linkFor(account);
    const other = await linkFor(account);
    const before = await stateOf(account);
    const response = authenticator.assert(await resetChallenge(account), 1, { verified: false });

    expect(
      await resetPasswordWithPasskey(token, { newPassword: NEW_PASSWORD, response }, CONTEXT, T),
    ).toEqual({ ok: true });

    const user = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(await verifyPassword(user.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await stateOf(account)).toMatchObject({
      sessionVersion: before.sessionVersion + 1,
      openSignIns: 0,
      trustedBrowsers: 0,
      liveLinks: 0,
      resets: 1,
      notices: before.notices + 1,
    });
    expect((await accountOfResetLink(other, T)) === null).toBe(true);
    const [event] = await auditEvents("password_reset", account.id);
    expect(event?.details).toContain("passkey");
    const used = await auditEvents("passkey_used", account.id);
    expect(used.at(-1)?.details).toContain('"step":"reset"');
  });
});

describe("refusals change nothing", () => {
  async function refused(account: Account, token: string, response: unknown, now = T) {
    const before = await stateOf(account);
    const input = { newPassword: NEW_PASSWORD, response };
    const result = await resetPasswordWithPasskey(token, input, CONTEXT, now);
    expect(result.ok).toBe(false);
    expect(await stateOf(account)).toEqual(before);
    return result;
  }

  it("another account's passkey, over a challenge for this link's account", async () => {
    const { account } = await accountWithPasskey();
    const { authenticator: theirs } = await accountWithPasskey();
    await withSignInsAndTrust(account);
    const token = await linkFor(account);
    const response = theirs.assert(await resetChallenge(account), 1);
    expect(await refused(account, token, response)).toMatchObject({
      message: PASSKEY_NOT_ACCEPTED,
    });
    expect(await accountOfResetLink(token, T)).not.toBeNull();
  });

  it("a replayed assertion, and one signed over a sign-in's step-2 challenge", async () => {
    const { account, authenticator } = await accountWithPasskey();
    const response = authenticator.assert(await resetChallenge(account), 1);
    const first = { newPassword: "the first new passphrase", response };
    expect(await resetPasswordWithPasskey(await linkFor(account), first, CONTEXT, T)).toEqual({
      ok: true,
    });
    await withSignInsAndTrust(account);
    const token = await linkFor(account);
    expect(await refused(account, token, response)).toMatchObject({
      message: PASSKEY_NOT_ACCEPTED,
    });
    const stepTwo = (await assertionOptions(account, T)).challenge;
    await refused(account, token, authenticator.assert(stepTwo, 2));
    const user = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(await verifyPassword(user.passwordHash, "the first new passphrase")).toBe(true);
  });

  it("a forged signature, a cloned counter, and garbage", async () => {
    const { account, authenticator } = await accountWithPasskey();
    const token = await linkFor(account);
    const forger = new SoftAuthenticator();
    const forged = forger.assert(await resetChallenge(account), 1, {
      credentialId: authenticator.id,
    });
    await refused(account, token, forged);
    for (const garbage of ["{", 42, null, { id: "x" }]) await refused(account, token, garbage);
    const ok = {
      newPassword: NEW_PASSWORD,
      response: authenticator.assert(await resetChallenge(account), 5),
    };
    expect((await resetPasswordWithPasskey(await linkFor(account), ok, CONTEXT, T)).ok).toBe(true);
    const clone = authenticator.assert(await resetChallenge(account), 3);
    await refused(account, await linkFor(account), clone);
    expect(await auditEvents("passkey_refused", account.id)).toHaveLength(2);
  });

  it("a used or expired link, with a valid assertion", async () => {
    const { account, authenticator } = await accountWithPasskey();
    const token = await linkFor(account);
    const first = {
      newPassword: "the first new passphrase",
      response: authenticator.assert(await resetChallenge(account), 1),
    };
    expect((await resetPasswordWithPasskey(token, first, CONTEXT, T)).ok).toBe(true);
    const again = authenticator.assert(await resetChallenge(account), 2);
    expect(await refused(account, token, again)).toMatchObject({ message: INVALID_LINK });

    const late = addMs(T, RESET_LINK_LIFETIME_MS);
    const expired = await linkFor(account);
    const valid = authenticator.assert(await resetChallenge(account, late), 3);
    expect(await refused(account, expired, valid, late)).toMatchObject({ message: INVALID_LINK });
  });

  it("with passkeys turned off, a valid assertion", async () => {
    const { account, authenticator } = await accountWithPasskey();
    const token = await linkFor(account);
    const response = authenticator.assert(await resetChallenge(account), 1);
    await saveSettings({ allowPasskeys: false });
    try {
      expect(await refused(account, token, response)).toMatchObject({
        message: PASSKEY_NOT_ACCEPTED,
      });
    } finally {
      await saveSettings({ allowPasskeys: true });
    }
  });
});
