import "server-only";
import QRCode from "qrcode";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import {
  readCurrentPassword,
  recheckAccount,
  WRONG_PASSWORD_OR_CODE,
  type RecheckField,
} from "@/lib/auth/re-check";
import { db } from "@/lib/db/client";
import { displayName, getSettings } from "@/lib/settings/settings";
import { generateRecoveryCodes } from "./recovery-codes";
import { openTotpSecret, recoveryCodeHash, sealTotpSecret } from "./secret-store";
import { generateTotpSecret, normalizeCode, otpauthUri, verifyTotpCode } from "./totp";

/** How long a secret offered for set-up waits for its first code. */
export const SETUP_TTL_MS = 15 * 60_000;

type Account = { id: string; email: string };

/** A refusal names the fields its message is about, so that the form can tie it to them. */
export type TwoFactorResult<T = object> =
  ({ ok: true } & T) | { ok: false; message: string; fields: RecheckField[] };

const ENTER_PASSWORD = "Enter your current password.";
const ENTER_CODE = "Enter the 6-digit code from your authenticator app.";

const refused = (message: string, fields: RecheckField[] = []) =>
  ({ ok: false, message, fields }) as const;

/** Well-formed input, or the refusal that says what is missing; nothing is checked or counted. */
function readRecheckInput(input: { password?: unknown; code?: unknown }) {
  const password = "password" in input ? readCurrentPassword(input.password) : undefined;
  if (password === null) return refused(ENTER_PASSWORD, ["password"]);
  const code = "code" in input ? normalizeCode(input.code) : undefined;
  if (code === null) return refused(ENTER_CODE, ["code"]);
  return { ok: true as const, password, code };
}

/** Offers a new secret; a previous offer is replaced. Nothing is enabled until a code confirms it. */
export async function startEnrolment(userId: string, now: Date) {
  await db.user.update({
    where: { id: userId },
    data: {
      pendingTotpSecret: sealTotpSecret(generateTotpSecret(), userId),
      pendingTotpExpires: new Date(now.getTime() + SETUP_TTL_MS),
    },
  });
}

export type EnrolmentOffer = { setupKey: string; qrCodeDataUrl: string; issuer: string };

/** The QR code and setup key of the account's current offer, made on the server. */
export async function currentEnrolmentOffer(
  account: Account,
  now: Date,
): Promise<EnrolmentOffer | null> {
  const user = await db.user.findUnique({
    where: { id: account.id },
    select: { pendingTotpSecret: true, pendingTotpExpires: true, totpEnabledAt: true },
  });
  if (!user?.pendingTotpSecret || user.totpEnabledAt) return null;
  if (!user.pendingTotpExpires || user.pendingTotpExpires <= now) return null;
  const secret = openTotpSecret(user.pendingTotpSecret, account.id);
  const issuer = displayName(await getSettings());
  const svg = await QRCode.toString(otpauthUri({ issuer, accountName: account.email, secret }), {
    type: "svg",
    margin: 2,
    errorCorrectionLevel: "M",
  });
  return {
    setupKey: secret.replace(/(.{4})/g, "$1 ").trim(),
    qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
    issuer,
  };
}

const NOT_ON = "Two-factor authentication is not on.";

async function isEnabled(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  return Boolean(user?.totpEnabledAt);
}

type Writer = Pick<typeof db, "recoveryCode">;

/** Replaces every recovery code; pass a transaction's client to make it part of a larger change. */
async function replaceRecoveryCodes(userId: string, client?: Writer) {
  const codes = generateRecoveryCodes();
  const replace = (tx: Writer) => [
    tx.recoveryCode.deleteMany({ where: { userId } }),
    tx.recoveryCode.createMany({
      data: codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code) })),
    }),
  ];
  if (client) for (const write of replace(client)) await write;
  else await db.$transaction(replace(db));
  return codes;
}

/**
 * Confirms the offered secret with a code from the app, and only then enables 2FA. The current
 * password is asked too, and counted, so that a hijacked session cannot enrol another app.
 */
export async function enableTwoFactor(
  account: Account,
  input: { password: unknown; code: unknown },
  now: Date,
  context: RequestContext,
): Promise<TwoFactorResult<{ recoveryCodes: string[] }>> {
  const form = readRecheckInput(input);
  if (!form.ok) return form;
  const user = await db.user.findUnique({
    where: { id: account.id },
    select: { pendingTotpSecret: true, pendingTotpExpires: true, totpEnabledAt: true },
  });
  if (user?.totpEnabledAt) return refused("Two-factor authentication is already on.");
  if (!user?.pendingTotpSecret || !user.pendingTotpExpires || user.pendingTotpExpires <= now) {
    return refused("The set-up expired. Start again to get a new QR code.");
  }
  const recheck = await recheckAccount(
    account,
    { password: form.password },
    "enable_two_factor",
    now,
    context,
  );
  if (!recheck.ok && recheck.reason !== "wrong") return refused(recheck.message, recheck.fields);
  // The code is for the secret on the screen, not a second factor yet: it is not counted, but
  // it is checked whatever the password's result, and one message covers both.
  const secret = openTotpSecret(user.pendingTotpSecret, account.id);
  const result = await verifyTotpCode({ secret, code: form.code!, now });
  if (!recheck.ok || !result.ok) return refused(WRONG_PASSWORD_OR_CODE, ["password", "code"]);

  const issuer = displayName(await getSettings());
  // One transaction: a crash never leaves 2FA on without recovery codes or without its audit event.
  const recoveryCodes = await db.$transaction(async (tx) => {
    const enabled = await tx.user.updateMany({
      where: { id: account.id, totpEnabledAt: null, pendingTotpSecret: user.pendingTotpSecret },
      data: {
        totpSecret: user.pendingTotpSecret,
        totpIssuer: issuer,
        totpEnabledAt: now,
        totpLastStep: result.timeStep,
        pendingTotpSecret: null,
        pendingTotpExpires: null,
        failedCodes: 0,
      },
    });
    if (enabled.count !== 1) return null;
    const codes = await replaceRecoveryCodes(account.id, tx);
    await tx.trustedBrowser.deleteMany({ where: { userId: account.id } });
    await recordAuditEvent(
      {
        type: "two_factor_enabled",
        actor: account,
        subject: account,
        context,
        details: { issuer },
      },
      tx,
    );
    return codes;
  });
  if (!recoveryCodes) return refused("The set-up changed. Start again.");
  return { ok: true, recoveryCodes };
}

/** Replaces every recovery code, after a current code that counts toward the lock. */
export async function regenerateRecoveryCodes(
  account: Account,
  input: { code: unknown },
  now: Date,
  context: RequestContext,
): Promise<TwoFactorResult<{ recoveryCodes: string[] }>> {
  const form = readRecheckInput(input);
  if (!form.ok) return form;
  if (!(await isEnabled(account.id))) return refused(NOT_ON);
  const recheck = await recheckAccount(
    account,
    { code: form.code },
    "regenerate_recovery_codes",
    now,
    context,
  );
  if (!recheck.ok) return refused(recheck.message, recheck.fields);
  const recoveryCodes = await replaceRecoveryCodes(account.id);
  await recordAuditEvent({
    type: "recovery_codes_regenerated",
    actor: account,
    subject: account,
    context,
  });
  return { ok: true, recoveryCodes };
}

type TwoFactorWriter = Pick<typeof db, "user" | "recoveryCode" | "trustedBrowser">;

/** Removes the account's secret, recovery codes and trusted browsers, in the caller's transaction. */
export async function clearTwoFactor(userId: string, tx: TwoFactorWriter) {
  await tx.user.update({
    where: { id: userId },
    data: {
      totpSecret: null,
      totpIssuer: null,
      totpEnabledAt: null,
      totpLastStep: null,
      pendingTotpSecret: null,
      pendingTotpExpires: null,
      failedCodes: 0,
    },
  });
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.trustedBrowser.deleteMany({ where: { userId } });
}

/** Turns 2FA off after the current password and a current code, both counted. */
export async function disableTwoFactor(
  account: Account,
  input: { password: unknown; code: unknown },
  now: Date,
  context: RequestContext,
): Promise<TwoFactorResult> {
  const form = readRecheckInput(input);
  if (!form.ok) return form;
  if (!(await isEnabled(account.id))) return refused(NOT_ON);
  const recheck = await recheckAccount(
    account,
    { password: form.password, code: form.code },
    "disable_two_factor",
    now,
    context,
  );
  if (!recheck.ok) return refused(recheck.message, recheck.fields);
  await db.$transaction(async (tx) => {
    await clearTwoFactor(account.id, tx);
    const event = { type: "two_factor_disabled", actor: account, subject: account } as const;
    await recordAuditEvent({ ...event, context }, tx);
  });
  return { ok: true };
}

export async function recoveryCodesLeft(userId: string) {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}
