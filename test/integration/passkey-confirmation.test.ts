// docs/rules.md, rule 27 on real SQLite and PostgreSQL databases (vitest.config.ts): an account
// whose only second factor is its passkeys adds or removes one only with the right password AND a
// user-verified assertion by one of its own passkeys over a fresh confirmation challenge; every
// other confirmation is refused, counted toward the code lock (rule 4), audited, and stores
// nothing. The server decides from the database whether a confirmation is needed.
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
const { removePasskey: removePasskeyCoded } = await import("@/lib/two-factor/passkeys");
const { assertionOptions } = await import("@/lib/passkeys/assertion-options");
const { passkeyConfirmationOptions } = await import("@/lib/passkeys/confirmation");
const { CONTEXT, PASSWORD, addMs, auditEvents, createAccount, enrol, registerPasskey } =
  await import("../support/db-accounts");
const startPasskeyRegistration = saying(startPasskeyRegistrationCoded);
const addPasskey = saying(addPasskeyCoded);
const removePasskey = saying(removePasskeyCoded);

const T = new Date("2030-01-01T12:00:10Z");
const MINUTE = 60_000;
const REFUSED = "Your password or passkey confirmation is not valid.";
const MISSING = "Confirm this change with one of your passkeys.";
type Person = { id: string; email: string; name: string };

beforeAll(async () => {
  await saveSettings({ twoFactorEnabled: true, companyName: "Acme", allowPasskeys: true });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

/** A passkey-only account: its first passkey added with the password alone, as the page does. */
async function passkeyOnlyAccount() {
  const person: Person = { ...(await createAccount()), name: "Test User" };
  const authenticator = new SoftAuthenticator();
  await registerPasskey(person, authenticator, { password: PASSWORD }, T);
  let counter = 0;
  /** A confirmation as the browser makes it: fresh options, then the authenticator's answer. */
  const confirm = async (
    options: { verified?: boolean; by?: SoftAuthenticator; now?: Date } = {},
  ) => {
    const asked = await passkeyConfirmationOptions(person, options.now ?? T);
    if (!asked) throw new Error("no confirmation asked");
    const signer = options.by ?? authenticator;
    return JSON.stringify(
      signer.assert(asked.challenge, ++counter, { verified: options.verified }),
    );
  };
  return { person, authenticator, confirm };
}

const passkeysOf = (userId: string) =>
  db.passkey.findMany({ where: { userId }, select: { id: true, name: true, counter: true } });
const registrationChallenges = (userId: string) =>
  db.passkeyChallenge.count({ where: { userId, purpose: "REGISTER" } });
const failedCodes = async (userId: string) =>
  (await db.user.findUniqueOrThrow({ where: { id: userId } })).failedCodes;

describe("the confirmation's options", () => {
  it("name only the account's own passkeys, require user verification, and are asked of passkey-only accounts alone", async () => {
    const { person, authenticator } = await passkeyOnlyAccount();
    await passkeyOnlyAccount(); // another account's passkey, never offered here
    const options = await passkeyConfirmationOptions(person, T);
    expect(options?.userVerification).toBe("required");
    expect(options?.allowCredentials?.map((credential) => credential.id)).toEqual([
      authenticator.id,
    ]);
    const challenge = await db.passkeyChallenge.findUniqueOrThrow({
      where: { challenge: options!.challenge },
    });
    expect(challenge).toMatchObject({ purpose: "CONFIRM", userId: person.id });
    expect(challenge.expiresAt.getTime() - T.getTime()).toBe(5 * MINUTE);

    // No passkey yet: the password alone. An authenticator app: its code instead.
    expect(await passkeyConfirmationOptions(await createAccount(), T)).toBeNull();
    await enrol(person, addMs(T, -MINUTE));
    expect(await passkeyConfirmationOptions(person, T)).toBeNull();
  });
});

describe("adding a passkey to a passkey-only account", () => {
  it("is refused with the right password and no confirmation, another account's passkey, one not user verified, or a replayed one: nothing is stored", async () => {
    const { person, confirm } = await passkeyOnlyAccount();
    const stranger = await passkeyOnlyAccount();
    const used = await confirm();
    const first = await startPasskeyRegistration(
      person,
      { password: PASSWORD, confirmation: used },
      CONTEXT,
      T,
    );
    expect(first.ok).toBe(true);
    const challengesAfterFirst = await registrationChallenges(person.id);

    // Four refusals, three of them counted (no confirmation at all is no guess): short of the
    // lock, which has a test of its own below.
    const cases: [string, unknown, string][] = [
      ["none", undefined, MISSING],
      ["another account's passkey", await confirm({ by: stranger.authenticator }), REFUSED],
      ["not user verified", await confirm({ verified: false }), REFUSED],
      ["replayed", used, REFUSED],
    ];
    for (const [what, confirmation, message] of cases) {
      const result = await startPasskeyRegistration(
        person,
        { password: PASSWORD, confirmation },
        CONTEXT,
        T,
      );
      expect({ what, result }).toMatchObject({ what, result: { ok: false, message } });
    }
    expect(await registrationChallenges(person.id)).toBe(challengesAfterFirst);
    expect(await passkeysOf(person.id)).toHaveLength(1);
    expect(await auditEvents("passkey_added", person.id)).toHaveLength(1);
    expect(await failedCodes(person.id)).toBe(3);
    const refusals = (await auditEvents("passkey_refused", person.id)).map((e) => e.details);
    expect(refusals.join(" ")).toMatch(
      /confirmation_unknown.*invalid_signature.*confirmation_challenge/s,
    );
    expect(refusals.join(" ")).not.toMatch(/confirmation_malformed/);
  });

  it("is refused with garbage, a late confirmation, or an assertion over a step-2 challenge", async () => {
    const { person, authenticator, confirm } = await passkeyOnlyAccount();
    const { challenge: stepTwo } = await assertionOptions(person, T);
    const cases: [string, unknown, string][] = [
      ["garbage", "{not json", MISSING],
      ["late", await confirm({ now: addMs(T, -5 * MINUTE - 1) }), REFUSED],
      ["step 2's", JSON.stringify(authenticator.assert(stepTwo, 99)), REFUSED],
    ];
    for (const [what, confirmation, message] of cases) {
      const result = await startPasskeyRegistration(
        person,
        { password: PASSWORD, confirmation },
        CONTEXT,
        T,
      );
      expect({ what, result }).toMatchObject({ what, result: { ok: false, message } });
    }
    expect(await registrationChallenges(person.id)).toBe(0);
    // Garbage is no guess: only the late and the step-2 confirmations count.
    expect(await failedCodes(person.id)).toBe(2);
    expect(await passkeysOf(person.id)).toHaveLength(1);
  });

  it("with the right password and a user-verified confirmation by its passkey, adds the second one", async () => {
    const { person, confirm } = await passkeyOnlyAccount();
    const started = await startPasskeyRegistration(
      person,
      { password: PASSWORD, confirmation: await confirm() },
      CONTEXT,
      T,
    );
    if (!started.ok) throw new Error(started.message);
    const phone = new SoftAuthenticator();
    const added = await addPasskey(
      person,
      { response: phone.register(started.options.challenge), name: "Phone" },
      CONTEXT,
      T,
    );
    expect(added).toMatchObject({ ok: true, name: "Phone", recoveryCodes: null });
    expect((await passkeysOf(person.id)).map((passkey) => passkey.name)).toEqual([
      "Laptop",
      "Phone",
    ]);
    const used = await auditEvents("passkey_used", person.id);
    expect(used.at(-1)?.details).toContain("confirm");
  });

  it("a valid confirmation beside a wrong password is refused the same way, and counted as a password", async () => {
    const { person, confirm } = await passkeyOnlyAccount();
    const result = await startPasskeyRegistration(
      person,
      { password: "not the password", confirmation: await confirm() },
      CONTEXT,
      T,
    );
    expect(result).toMatchObject({ ok: false, message: REFUSED });
    expect(await auditEvents("password_check_failed", person.id)).toHaveLength(1);
    expect(await failedCodes(person.id)).toBe(0);
    expect(await registrationChallenges(person.id)).toBe(0);
  });

  it("an account with an authenticator app is asked for its code, whatever confirmation is sent", async () => {
    const { person, confirm } = await passkeyOnlyAccount();
    const confirmation = await confirm();
    await enrol(person, addMs(T, -MINUTE));
    const result = await startPasskeyRegistration(
      person,
      { password: PASSWORD, confirmation },
      CONTEXT,
      T,
    );
    expect(result).toMatchObject({ ok: false, fields: ["code"] });
    expect(await registrationChallenges(person.id)).toBe(0);
  });
});

describe("removing a passkey of a passkey-only account", () => {
  it("is refused with the right password and no, a foreign, or a non-verified confirmation; a verified one removes it", async () => {
    const { person, confirm } = await passkeyOnlyAccount();
    const stranger = await passkeyOnlyAccount();
    const [passkey] = await passkeysOf(person.id);
    const remove = (confirmation: unknown) =>
      removePasskey(person, { id: passkey!.id, password: PASSWORD, confirmation }, CONTEXT, T);

    expect(await remove(undefined)).toMatchObject({ ok: false, message: MISSING });
    expect(await remove(await confirm({ by: stranger.authenticator }))).toMatchObject({
      ok: false,
      message: REFUSED,
    });
    expect(await remove(await confirm({ verified: false }))).toMatchObject({
      ok: false,
      message: REFUSED,
    });
    expect(await passkeysOf(person.id)).toHaveLength(1);
    expect(await auditEvents("passkey_removed", person.id)).toHaveLength(0);
    // No confirmation at all is no guess: the foreign and the unverified ones count.
    expect(await failedCodes(person.id)).toBe(2);

    const valid = await confirm();
    expect(await remove(valid)).toEqual({ ok: true, name: "Laptop" });
    expect(await passkeysOf(person.id)).toHaveLength(0);
    expect(await auditEvents("passkey_removed", person.id)).toHaveLength(1);
    expect(await failedCodes(person.id)).toBe(0);
    // The other account's passkey was only refused, never touched.
    expect(await passkeysOf(stranger.person.id)).toHaveLength(1);
  });
});

describe("wrong confirmations and the code lock (rule 4)", () => {
  it("five wrong confirmations lock the account's second factor: a valid one is refused until the lock ends, and the lock is audited", async () => {
    const { person, confirm } = await passkeyOnlyAccount();
    const [passkey] = await passkeysOf(person.id);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const result = await removePasskey(
        person,
        { id: passkey!.id, password: PASSWORD, confirmation: await confirm({ verified: false }) },
        CONTEXT,
        T,
      );
      expect(result.ok).toBe(false);
      if (attempt === 5) expect(result).toMatchObject({ message: expect.stringMatching(/15 min/) });
    }
    expect(await auditEvents("two_factor_locked", person.id)).toHaveLength(1);
    expect(await auditEvents("two_factor_code_failed", person.id)).toHaveLength(5);

    const during = await startPasskeyRegistration(
      person,
      { password: PASSWORD, confirmation: await confirm({ now: addMs(T, 14 * MINUTE) }) },
      CONTEXT,
      addMs(T, 14 * MINUTE),
    );
    expect(during).toMatchObject({ ok: false, message: expect.stringMatching(/Try again in/) });
    expect(await registrationChallenges(person.id)).toBe(0);

    const after = addMs(T, 15 * MINUTE + 1000);
    const removed = await removePasskey(
      person,
      { id: passkey!.id, password: PASSWORD, confirmation: await confirm({ now: after }) },
      CONTEXT,
      after,
    );
    expect(removed.ok).toBe(true);
  });

  it("one confirmation posted five times at once is accepted exactly once", async () => {
    const { person, confirm } = await passkeyOnlyAccount();
    const confirmation = await confirm();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        startPasskeyRegistration(person, { password: PASSWORD, confirmation }, CONTEXT, T),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await registrationChallenges(person.id)).toBe(1);
  });
});
