// docs/rules.md, rule 20: every notice arrives once, at the account's own address,
// saying what happened, when, from which browser and address, and what to do if it was not them.
// The changes are made through the app's own functions; the mail is received by an SMTP server
// in this process and read with mailparser.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saying } from "@/test/support/said";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";
import { SoftAuthenticator } from "@/test/support/soft-authenticator";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";

process.env.NEXTAUTH_URL = "http://localhost:3000";
const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { saveSettings } = await import("@/lib/settings/settings");
const { deliverDueMessages } = await import("@/lib/email/sender");
const { queueSecurityNotice } = await import("@/lib/email/notices");
const { startEnrolment, enableTwoFactor: enableTwoFactorCoded } =
  await import("@/lib/two-factor/enrolment");
const { disableTwoFactor: disableTwoFactorCoded } = await import("@/lib/two-factor/disable");
const { regenerateRecoveryCodes: regenerateRecoveryCodesCoded } =
  await import("@/lib/two-factor/recovery-code-store");
const { openTotpSecret } = await import("@/lib/two-factor/secret-store");
const { totpCodeAt } = await import("@/lib/two-factor/totp");
const { verifySecondStep: verifySecondStepCoded } = await import("@/lib/sign-in/second-step");
const { changePassword: changePasswordCoded } = await import("@/lib/users/users");
const { resetTwoFactor: resetTwoFactorCoded } = await import("@/lib/users/admin-reset");
const { runCommand } = await import("@/cli/commands");
const { removePasskey: removePasskeyCoded } = await import("@/lib/two-factor/passkeys");
const { passkeyConfirmationOptions } = await import("@/lib/passkeys/confirmation");
const { PASSWORD, addMs, createAccount, pendingSignIns, registerPasskey } =
  await import("../support/db-accounts");
const enableTwoFactor = saying(enableTwoFactorCoded);
const disableTwoFactor = saying(disableTwoFactorCoded);
const regenerateRecoveryCodes = saying(regenerateRecoveryCodesCoded);
const verifySecondStep = saying(verifySecondStepCoded);
const changePassword = saying(changePasswordCoded);
const resetTwoFactor = saying(resetTwoFactorCoded);
const removePasskey = saying(removePasskeyCoded);
const { pointSmtpAt } = await import("../support/db-email-settings");

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const CONTEXT = { clientAddress: "198.51.100.23", userAgent: FIREFOX };
const ADMIN_CONTEXT = { clientAddress: "192.0.2.50", userAgent: FIREFOX };
const T = new Date("2030-03-05T09:15:00Z");
const NEW_PASSWORD = "a brand new password 42";
const IF_NOT_YOU = "If this was not you, someone else may be able to sign in to your account.";
const ADMIN = { id: "admin-id", email: "boss@example.com" };

let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  await saveSettings({ twoFactorEnabled: true, companyName: "Acme Mail" });
  const by = { admin: ADMIN, context: ADMIN_CONTEXT };
  await pointSmtpAt(sink.port, { fromAddress: "security@acme.example" }, by);
});

afterAll(async () => {
  await sink.stop();
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

async function codeAt(userId: string, at: Date) {
  const row = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return totpCodeAt(openTotpSecret(row.totpSecret ?? row.pendingTotpSecret!, userId), at);
}

async function enable(account: { id: string; email: string }, at: Date) {
  await startEnrolment(account.id, at);
  const code = await codeAt(account.id, at);
  const enabled = await enableTwoFactor(account, { password: PASSWORD, code }, at, CONTEXT);
  if (!enabled.ok) throw new Error(enabled.message);
  return enabled.recoveryCodes;
}

/** Delivers everything queued (the messages are due at the changes' times, in 2030). */
async function deliver() {
  return deliverDueMessages({ now: () => addMs(T, 24 * 60 * 60_000) });
}

describe("security notices", () => {
  it("each change of rule 20 sends one notice to the account's address, with the facts", async () => {
    const account = await createAccount("CUSTOMER", "dana@example.com");
    const firstCodes = await enable(account, T);

    const regenerated = await regenerateRecoveryCodes(
      account,
      { code: await codeAt(account.id, addMs(T, 60_000)) },
      addMs(T, 60_000),
      CONTEXT,
    );
    if (!regenerated.ok) throw new Error(regenerated.message);
    const [signInId] = await pendingSignIns(account.id, 1, addMs(T, 120_000));
    const used = await verifySecondStep(
      signInId!,
      account,
      { recoveryCode: regenerated.recoveryCodes[0] },
      addMs(T, 120_000),
      CONTEXT,
    );
    expect(used).toMatchObject({ ok: true, recoveryCodesLeft: 9 });
    const changed = await changePassword(
      account.id,
      signInId!,
      { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      CONTEXT,
      addMs(T, 180_000),
    );
    expect(changed).toEqual({ ok: true });
    const disabled = await disableTwoFactor(
      account,
      { password: NEW_PASSWORD, code: await codeAt(account.id, addMs(T, 240_000)) },
      addMs(T, 240_000),
      CONTEXT,
    );
    expect(disabled).toEqual({ ok: true });
    // An unused recovery code left over: something for the admin's reset to remove (it refuses an
    // account with no second factor; the command line resets whatever there is).
    await db.recoveryCode.create({ data: { userId: account.id, codeHash: "left-over" } });
    const reset = await resetTwoFactor({ id: account.id }, ADMIN, ADMIN_CONTEXT, addMs(T, 300_000));
    expect(reset.ok).toBe(true);
    const cli = await runCommand(
      "user:reset-2fa",
      { email: account.email },
      {
        readPassword: async () => "",
      },
    );
    expect(cli.exitCode).toBe(0);
    // A passkey added and removed on the account page, as the page's actions do it.
    const person = { ...account, name: "Test User" };
    const authenticator = new SoftAuthenticator();
    const reCheck = { password: NEW_PASSWORD };
    await registerPasskey(person, authenticator, reCheck, addMs(T, 6 * 60_000), {
      context: CONTEXT,
    });
    const passkey = await db.passkey.findFirstOrThrow({ where: { userId: account.id } });
    // Its only second factor now: removing it asks for it too (docs/rules.md, rule 27).
    const removedAt = addMs(T, 7 * 60_000);
    const asked = await passkeyConfirmationOptions(person, removedAt);
    const confirmation = JSON.stringify(authenticator.assert(asked!.challenge, 1));
    const removed = await removePasskey(
      person,
      { id: passkey.id, password: NEW_PASSWORD, confirmation },
      CONTEXT,
      removedAt,
    );
    expect(removed.ok).toBe(true);
    // The reset's own flow is tested in password-reset.test.ts; its notice is composed here.
    const user = { id: account.id, email: account.email, name: "Test User" };
    await db.$transaction((tx) =>
      queueSecurityNotice(tx, {
        user,
        kind: "password_reset",
        context: CONTEXT,
        now: addMs(T, 8 * 60_000),
      }),
    );

    expect(await deliver()).toEqual({ sent: 10, retried: 0, failed: 0 });
    const mail = await sink.waitFor(10);
    expect(mail).toHaveLength(10);
    expect(new Set(mail.flatMap((m) => m.to))).toEqual(new Set(["dana@example.com"]));
    const bySubject = new Map(mail.map((m) => [m.subject.replace("Acme Mail: ", ""), m]));
    expect([...bySubject.keys()].sort()).toEqual(
      [
        "Two-factor authentication was turned on",
        "New recovery codes were created",
        "A recovery code was used to sign in",
        "Your password was changed",
        "Two-factor authentication was turned off",
        "Two-factor authentication was reset",
        "A passkey was added",
        "A passkey was removed",
        "Your password was reset",
      ].sort(),
    );
    const resets = mail.filter((m) => m.subject.endsWith("was reset") && m.subject.includes("Two"));
    expect(resets).toHaveLength(2);

    const enabled = bySubject.get("Two-factor authentication was turned on")!;
    expect(enabled.text).toContain("Hello Test User,");
    expect(enabled.text).toContain("Two-factor authentication was turned on for your account.");
    expect(enabled.text).toContain("When: Tuesday, 5 March 2030 at 09:15 UTC");
    expect(enabled.text).toContain("From: Firefox on Linux, address 198.51.100.23");
    expect(enabled.text).toContain(IF_NOT_YOU);
    expect(enabled.html).toContain("Firefox on Linux, address 198.51.100.23");

    const recovery = bySubject.get("A recovery code was used to sign in")!;
    expect(recovery.text).toContain("9 recovery codes remain.");
    expect(recovery.text).toContain("When: Tuesday, 5 March 2030 at 09:17 UTC");

    const byAdmin = resets.find((m) => m.text.includes("192.0.2.50"));
    expect(byAdmin?.text).toContain("reset for your account by an administrator");
    const byCli = resets.find((m) => m.text.includes("From: the server's command line"));
    expect(byCli).toBeDefined();

    for (const message of mail) {
      // No secret, code or link; no remote image; both parts.
      for (const code of [...firstCodes, ...regenerated.recoveryCodes]) {
        expect(message.text).not.toContain(code);
      }
      expect(message.text).not.toContain(NEW_PASSWORD);
      expect(message.html).not.toMatch(/<img|https?:|<a\b/i);
      expect(message.text).not.toMatch(/https?:/);
      expect(message.mail.from?.text).toBe("security@acme.example");
    }

    // Delivered once: a second pass sends nothing more.
    expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await db.outboxMessage.count({ where: { status: "SENT" } })).toBe(10);
  });

  it("a change that does not happen sends nothing: a wrong code queues no notice", async () => {
    const account = await createAccount();
    await enable(account, T);
    const before = await db.outboxMessage.count();
    const refused = await disableTwoFactor(
      account,
      { password: PASSWORD, code: "000000" },
      addMs(T, 60_000),
      CONTEXT,
    );
    expect(refused.ok).toBe(false);
    expect(await db.outboxMessage.count()).toBe(before);
  });
});
