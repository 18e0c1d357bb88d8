import "server-only";
import QRCode from "qrcode";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { recheckAccount } from "./re-check";
import { db } from "@/lib/db/client";
import { notifyAccountHolder } from "@/lib/email/notices";
import { displayName, getSettings } from "@/lib/settings/settings";
import { replaceRecoveryCodes } from "./recovery-code-store";
import { openTotpSecret, sealTotpSecret } from "./secret-store";
import { generateTotpSecret, otpauthUri, verifyTotpCode } from "./totp";
import { readRecheckInput, refused, type Account, type TwoFactorResult } from "./change";

/** How long a secret offered for set-up waits for its first code. */
export const SETUP_TTL_MS = 15 * 60_000;

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

export type EnrolmentOffer = {
  setupKey: string;
  /** What the QR code encodes: "Open in authenticator app" links to it (docs/rules.md, rule 2). */
  otpauthUri: string;
  qrCodeDataUrl: string;
  issuer: string;
};

/** The QR code and setup key of the account's current offer, made on the server. */
export async function currentEnrolmentOffer(
  account: Account,
  now: Date,
  replacing = false,
): Promise<EnrolmentOffer | null> {
  const user = await db.user.findUnique({
    where: { id: account.id },
    select: { pendingTotpSecret: true, pendingTotpExpires: true, totpEnabledAt: true },
  });
  if (!user?.pendingTotpSecret || (user.totpEnabledAt && !replacing)) return null;
  if (!user.pendingTotpExpires || user.pendingTotpExpires <= now) return null;
  const secret = openTotpSecret(user.pendingTotpSecret, account.id);
  const issuer = displayName(await getSettings());
  const uri = otpauthUri({ issuer, accountName: account.email, secret });
  const svg = await QRCode.toString(uri, {
    type: "svg",
    margin: 2,
    errorCorrectionLevel: "M",
  });
  return {
    setupKey: secret.replace(/(.{4})/g, "$1 ").trim(),
    otpauthUri: uri,
    qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
    issuer,
  };
}

/**
 * Confirms the offered secret with a code from the app, and only then enables 2FA. The current
 * password is asked too, and counted, so that a hijacked session cannot enrol another app.
 * `replacing`: a sign-in proved by an admin-issued recovery code sets up a new app in place of the
 * lost one (docs/rules.md, rule 33).
 */
export async function enableTwoFactor(
  account: Account,
  input: { password: unknown; code: unknown },
  now: Date,
  context: RequestContext,
  replacing = false,
): Promise<TwoFactorResult<{ recoveryCodes: string[] }>> {
  const form = readRecheckInput(input);
  if (!form.ok) return form;
  const user = await db.user.findUnique({
    where: { id: account.id },
    select: { pendingTotpSecret: true, pendingTotpExpires: true, totpEnabledAt: true },
  });
  if (user?.totpEnabledAt && !replacing) return refused("two_factor_already_on");
  if (!user?.pendingTotpSecret || !user.pendingTotpExpires || user.pendingTotpExpires <= now) {
    return refused("setup_expired");
  }
  const recheck = await recheckAccount(
    account,
    { password: form.password },
    "enable_two_factor",
    now,
    context,
  );
  if (!recheck.ok && recheck.reason !== "wrong") return refused(recheck.failure, recheck.fields);
  // The code is for the secret on the screen, not a second factor yet: it is not counted, but
  // it is checked whatever the password's result, and one message covers both.
  const secret = openTotpSecret(user.pendingTotpSecret, account.id);
  const result = await verifyTotpCode({ secret, code: form.code!, now });
  if (!recheck.ok || !result.ok) return refused("wrong_password_or_code", ["password", "code"]);

  const issuer = displayName(await getSettings());
  // One transaction: a crash never leaves 2FA on without recovery codes or without its audit event.
  const recoveryCodes = await db.$transaction(async (tx) => {
    const enabled = await tx.user.updateMany({
      where: {
        id: account.id,
        totpEnabledAt: user.totpEnabledAt,
        pendingTotpSecret: user.pendingTotpSecret,
      },
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
    await notifyAccountHolder(tx, account.id, { kind: "two_factor_enabled", context, now });
    return codes;
  });
  if (!recoveryCodes) return refused("setup_changed");
  return { ok: true, recoveryCodes };
}
