import "server-only";
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import {
  challengeBytes,
  consumeChallenge,
  issueChallenge,
  signInChallengeLive,
} from "./challenges";
import { relyingParty } from "./relying-party";
import { readAuthenticationResponse, signedChallenge } from "./responses";

type Account = { id: string; email: string };

/** Where an account's own passkey is asked for: step 2 of a sign-in, or a password reset. */
export type AccountPurpose = "SECOND_STEP" | "RESET";

/**
 * Options for a passkey prompt: on /login any discoverable credential, with user verification
 * (it stands in for the password); at step 2 or on a reset link only the account's own passkeys.
 */
export async function assertionOptions(
  account: Account | null,
  now: Date,
  accountPurpose: AccountPurpose = "SECOND_STEP",
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = account
    ? await db.passkey.findMany({
        where: { userId: account.id },
        select: { credentialId: true, transports: true },
      })
    : [];
  const purpose = account ? accountPurpose : "SIGN_IN";
  return generateAuthenticationOptions({
    rpID: relyingParty().id,
    challenge: challengeBytes(await issueChallenge(purpose, account?.id ?? null, now)),
    allowCredentials: passkeys.map(({ credentialId, transports }) => ({
      id: credentialId,
      transports: transports ? (JSON.parse(transports) as AuthenticatorTransportFuture[]) : [],
    })),
    userVerification: account ? "preferred" : "required",
    timeout: 120_000,
  });
}

export type AssertionResult =
  | { ok: true; account: Account; passkeyName: string }
  | { ok: false; reason: "malformed" | "challenge" | "unknown" | "invalid" | "counter" };

/**
 * Checks a passkey's signature over a challenge issued for this purpose (and account, at step 2
 * or on a reset link): an account's challenge is used up first whatever follows, a sign-in's once
 * the signature holds. The signature counter must move forward (or stay 0 on an
 * authenticator that keeps none), by one conditional write: a cloned authenticator replaying a
 * lower count is refused and audited (docs/rules.md, rule 18).
 */
export async function verifyAssertion(
  input: unknown,
  expected: { account: Account | null; purpose?: AccountPurpose },
  context: RequestContext,
  now: Date,
): Promise<AssertionResult> {
  const response = readAuthenticationResponse(input);
  const challenge = response ? signedChallenge(response.response.clientDataJSON) : null;
  if (!response || !challenge) return { ok: false, reason: "malformed" };
  const purpose = expected.account ? (expected.purpose ?? "SECOND_STEP") : "SIGN_IN";
  // An account's stored challenge is used up first, whatever follows. A sign-in's signed one is
  // only checked here and used once the signature holds (below): using it writes a row, and an
  // anonymous client must not write one per made-up credential (docs/rules.md, rule 23).
  const challengeUsable = expected.account
    ? await consumeChallenge(challenge, purpose, expected.account.id, now)
    : signInChallengeLive(challenge, now);
  if (!challengeUsable) return { ok: false, reason: "challenge" };
  const passkey = await db.passkey.findUnique({
    where: { credentialId: response.id },
    include: { user: { select: { id: true, email: true } } },
  });
  if (!passkey || (expected.account && passkey.userId !== expected.account.id)) {
    return { ok: false, reason: "unknown" };
  }
  const account = passkey.user;
  const rp = relyingParty();
  let newCounter: number;
  try {
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      // The counter is judged below, where a regression can be told apart and audited.
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: 0,
      },
      requireUserVerification: !expected.account,
    });
    if (!verified.verified) throw new Error("not verified");
    newCounter = verified.authenticationInfo.newCounter;
  } catch {
    await refusedEvent(account, passkey.name, "invalid_signature", context);
    return { ok: false, reason: "invalid" };
  }
  // Of concurrent uses of one signed challenge, the one whose insert wins goes on.
  if (!expected.account && !(await consumeChallenge(challenge, "SIGN_IN", null, now))) {
    return { ok: false, reason: "challenge" };
  }
  const moved = await db.passkey.updateMany({
    where: {
      id: passkey.id,
      counter: newCounter > 0 ? { lt: BigInt(newCounter) } : BigInt(0),
    },
    data: { counter: BigInt(newCounter), lastUsedAt: now },
  });
  if (moved.count !== 1) {
    await refusedEvent(account, passkey.name, "counter_regression", context, {
      stored: Number(passkey.counter),
      received: newCounter,
    });
    return { ok: false, reason: "counter" };
  }
  await recordAuditEvent({
    type: "passkey_used",
    actor: account,
    subject: account,
    context,
    details: { name: passkey.name, step: purpose.toLowerCase() },
  });
  return { ok: true, account, passkeyName: passkey.name };
}

async function refusedEvent(
  account: Account,
  name: string,
  reason: string,
  context: RequestContext,
  extra: Record<string, number> = {},
) {
  await recordAuditEvent({
    type: "passkey_refused",
    subject: account,
    context,
    details: { name, reason, ...extra },
  });
}
