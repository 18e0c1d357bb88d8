import "server-only";
import { notifyAccountHolder } from "@/lib/email/notices";
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
} from "@simplewebauthn/server";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { recheckAccount } from "./re-check";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { replaceRecoveryCodes } from "./recovery-code-store";
import { readRecheckInput, refused, type TwoFactorResult } from "./change";
import { challengeBytes, consumeChallenge, issueChallenge } from "@/lib/passkeys/challenges";
import { passkeyChangeFactor } from "@/lib/passkeys/confirmation";
import { newPasskeyName } from "@/lib/passkeys/names";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { readRegistrationResponse, signedChallenge } from "@/lib/passkeys/responses";

type Account = { id: string; email: string; name: string };

/**
 * The first half of adding a passkey: the current password, and a current code when the account
 * has an authenticator app, or a confirmation by one of its passkeys when those are its only
 * second factor, all counted (docs/rules.md, rules 17 and 27); then the browser's options.
 */
export async function startPasskeyRegistration(
  account: Account,
  input: { password?: unknown; code?: unknown; confirmation?: unknown },
  context: RequestContext,
  now: Date,
  recovering = false,
): Promise<TwoFactorResult<{ options: PublicKeyCredentialCreationOptionsJSON }>> {
  // A sign-in an admin-issued recovery code proved has just given its factor (rule 33).
  const factor = recovering ? null : await passkeyChangeFactor(account.id);
  const withCode = factor === "code";
  const form = readRecheckInput(
    withCode ? { password: input.password, code: input.code } : { password: input.password },
  );
  if (!form.ok) return form;
  const recheck = await recheckAccount(
    account,
    {
      password: form.password,
      ...(withCode ? { code: form.code } : {}),
      ...(factor === "passkey" ? { passkey: input.confirmation ?? null } : {}),
    },
    "add_passkey",
    now,
    context,
  );
  if (!recheck.ok) return refused(recheck.failure, recheck.fields);
  const existing = await db.passkey.findMany({
    where: { userId: account.id },
    select: { credentialId: true },
  });
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: account.email,
    userDisplayName: account.name,
    userID: new Uint8Array(Buffer.from(account.id, "utf8")),
    challenge: challengeBytes(await issueChallenge("REGISTER", account.id, now)),
    attestationType: "none",
    excludeCredentials: existing.map(({ credentialId }) => ({ id: credentialId })),
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
    timeout: 120_000,
  });
  return { ok: true, options };
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/**
 * The second half: verifies the browser's new credential against a registration challenge of
 * this account (used up first, whatever follows), then stores it in ONE transaction with the
 * recovery codes an account without any gets, and the audit event; a security notice or an offer
 * to sign out other browsers belongs in that transaction too (docs/rules.md, rule 18).
 */
export async function addPasskey(
  account: Account,
  input: { response: unknown; name: unknown },
  context: RequestContext,
  now: Date,
): Promise<TwoFactorResult<{ name: string; recoveryCodes: string[] | null }>> {
  const response = readRegistrationResponse(input.response);
  const challenge = response ? signedChallenge(response.response.clientDataJSON) : null;
  if (!response || !challenge) return refused("passkey_not_added");
  if (!(await consumeChallenge(challenge, "REGISTER", account.id, now))) {
    return refused("registration_expired");
  }
  const rp = relyingParty();
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch {
    return refused("passkey_not_added");
  }
  if (!verified.verified || !verified.registrationInfo) return refused("passkey_not_added");
  const { credential, credentialBackedUp, aaguid } = verified.registrationInfo;
  const taken = await db.passkey.findMany({
    where: { userId: account.id },
    select: { name: true },
  });
  const name = newPasskeyName(
    input.name,
    context.userAgent,
    taken.map((passkey) => passkey.name),
    aaguid,
  );
  try {
    const recoveryCodes = await db.$transaction(async (tx) => {
      await tx.passkey.create({
        data: {
          userId: account.id,
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey),
          counter: BigInt(credential.counter),
          transports: credential.transports ? JSON.stringify(credential.transports) : null,
          name,
          backedUp: credentialBackedUp,
          createdAt: now,
        },
      });
      const codesLeft = await tx.recoveryCode.count({
        where: { userId: account.id, usedAt: null },
      });
      const codes = codesLeft === 0 ? await replaceRecoveryCodes(account.id, tx) : null;
      await tx.trustedBrowser.deleteMany({ where: { userId: account.id } });
      await recordAuditEvent(
        { type: "passkey_added", actor: account, subject: account, context, details: { name } },
        tx,
      );
      await notifyAccountHolder(tx, account.id, { kind: "passkey_added", context, now });
      return codes;
    });
    return { ok: true, name, recoveryCodes };
  } catch (error) {
    // The same credential id on any account: credential ids are unique across accounts.
    if (isUniqueViolation(error)) return refused("passkey_already_registered");
    throw error;
  }
}
