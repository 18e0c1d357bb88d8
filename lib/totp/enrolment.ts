import "server-only";
import QRCode from "qrcode";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { displayName, getSettings } from "@/lib/settings/settings";
import { consumeTotpCode } from "./code-check";
import { generateRecoveryCodes } from "./recovery-codes";
import { openTotpSecret, recoveryCodeHash, sealTotpSecret } from "./secret-store";
import { generateTotpSecret, normalizeCode, otpauthUri, verifyTotpCode } from "./totp";

/** How long a secret offered for set-up waits for its first code. */
export const SETUP_TTL_MS = 15 * 60_000;

type Account = { id: string; email: string };

export type TwoFactorResult<T = object> = ({ ok: true } & T) | { ok: false; message: string };

export const WRONG_CODE = "That code is not valid. Check your authenticator app and try again.";

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

/** Confirms the offered secret with a code from the app, and only then enables 2FA. */
export async function enableTwoFactor(
  account: Account,
  input: unknown,
  now: Date,
  context: RequestContext,
): Promise<TwoFactorResult<{ recoveryCodes: string[] }>> {
  const code = normalizeCode(input);
  if (!code) return { ok: false, message: "Enter the 6-digit code from your authenticator app." };
  const user = await db.user.findUnique({
    where: { id: account.id },
    select: { pendingTotpSecret: true, pendingTotpExpires: true, totpEnabledAt: true },
  });
  if (user?.totpEnabledAt)
    return { ok: false, message: "Two-factor authentication is already on." };
  if (!user?.pendingTotpSecret || !user.pendingTotpExpires || user.pendingTotpExpires <= now) {
    return { ok: false, message: "The set-up expired. Start again to get a new QR code." };
  }
  const secret = openTotpSecret(user.pendingTotpSecret, account.id);
  const result = await verifyTotpCode({ secret, code, now });
  if (!result.ok) return { ok: false, message: WRONG_CODE };

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
  if (!recoveryCodes) return { ok: false, message: "The set-up changed. Start again." };
  return { ok: true, recoveryCodes };
}

export async function regenerateRecoveryCodes(
  account: Account,
  input: unknown,
  now: Date,
  context: RequestContext,
): Promise<TwoFactorResult<{ recoveryCodes: string[] }>> {
  if (!(await consumeTotpCode(account.id, input, now))) return { ok: false, message: WRONG_CODE };
  const recoveryCodes = await replaceRecoveryCodes(account.id);
  await recordAuditEvent({
    type: "recovery_codes_regenerated",
    actor: account,
    subject: account,
    context,
  });
  return { ok: true, recoveryCodes };
}

/** Removes the account's secret, recovery codes and trusted browsers. */
export async function clearTwoFactor(userId: string) {
  await db.$transaction([
    db.user.update({
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
    }),
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.trustedBrowser.deleteMany({ where: { userId } }),
  ]);
}

export async function disableTwoFactor(
  account: Account,
  input: { password: unknown; code: unknown },
  now: Date,
  context: RequestContext,
): Promise<TwoFactorResult> {
  const user = await db.user.findUnique({
    where: { id: account.id },
    select: { passwordHash: true, totpEnabledAt: true },
  });
  if (!user?.totpEnabledAt) return { ok: false, message: "Two-factor authentication is not on." };
  const password = typeof input.password === "string" ? input.password : "";
  if (!password || password.length > 1024 || !(await verifyPassword(user.passwordHash, password))) {
    return { ok: false, message: "Your password is incorrect." };
  }
  if (!(await consumeTotpCode(account.id, input.code, now))) {
    return { ok: false, message: WRONG_CODE };
  }
  await clearTwoFactor(account.id);
  await recordAuditEvent({
    type: "two_factor_disabled",
    actor: account,
    subject: account,
    context,
  });
  return { ok: true };
}

export async function recoveryCodesLeft(userId: string) {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}
