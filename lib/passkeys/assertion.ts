import "server-only";
import { verifyAuthenticationResponse } from "@simplewebauthn/server";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import type { AccountPurpose } from "./assertion-options";
import { consumeChallenge, signInChallengeLive } from "./challenges";
import { relyingParty } from "./relying-party";
import { readAuthenticationResponse, signedChallenge } from "./responses";

type Account = { id: string; email: string };

export type AssertionRefusal = "malformed" | "challenge" | "unknown" | "invalid" | "counter";

type Transaction = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** A signature that checked out, still to be recorded: its challenge is not used yet. */
export type CheckedAssertion = {
  account: Account & { sessionVersion: number };
  passkey: { id: string; name: string; counter: bigint };
  challenge: string;
  purpose: AccountPurpose | "SIGN_IN";
  newCounter: number;
};

export type AssertionCheck =
  { ok: true; checked: CheckedAssertion } | { ok: false; reason: AssertionRefusal };

/**
 * Checks a passkey's signature over a challenge for this purpose (and account, at step 2 or on a
 * reset link), and writes nothing when it holds: recordAssertionUse then uses the challenge and
 * moves the counter in the caller's transaction (docs/rules.md, rules 18 and 26). A refusal uses the
 * challenge up at once (and a bad signature is audited), as a use would have.
 */
export async function checkAssertion(
  input: unknown,
  expected: { account: Account | null; purpose?: AccountPurpose },
  context: RequestContext,
  now: Date,
): Promise<AssertionCheck> {
  const response = readAuthenticationResponse(input);
  const challenge = response ? signedChallenge(response.response.clientDataJSON) : null;
  if (!response || !challenge) return { ok: false, reason: "malformed" };
  const purpose: CheckedAssertion["purpose"] = expected.account
    ? (expected.purpose ?? "SECOND_STEP")
    : "SIGN_IN";
  const userId = expected.account?.id ?? null;
  const passkey = await db.passkey.findUnique({
    where: { credentialId: response.id },
    include: { user: { select: { id: true, email: true, sessionVersion: true } } },
  });
  // A refusal is told apart from a used or stale challenge only once the challenge is used up.
  // A sign-in's signed challenge is only checked, never written, for a credential that did not
  // verify: using one writes a row, and an anonymous client must not write one per made-up
  // credential (docs/rules.md, rule 23). An account's stored challenge is deleted, which bounds.
  const refuse = async (reason: AssertionRefusal, audit?: () => Promise<void>) => {
    const used =
      purpose === "SIGN_IN"
        ? signInChallengeLive(challenge, now)
        : await consumeChallenge(challenge, purpose, userId, now);
    if (!used) return { ok: false as const, reason: "challenge" as const };
    await audit?.();
    return { ok: false as const, reason };
  };
  if (!passkey || (expected.account && passkey.userId !== expected.account.id)) {
    return refuse("unknown");
  }
  const account = passkey.user;
  const rp = relyingParty();
  try {
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      // The counter is judged by recordAssertionUse, where a regression can be told apart.
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: 0,
      },
      requireUserVerification: purpose === "SIGN_IN" || purpose === "CONFIRM",
    });
    if (!verified.verified) throw new Error("not verified");
    const checked = {
      account,
      passkey: { id: passkey.id, name: passkey.name, counter: passkey.counter },
      challenge,
      purpose,
      newCounter: verified.authenticationInfo.newCounter,
    };
    return { ok: true, checked };
  } catch {
    return refuse("invalid", () =>
      refusedEvent(account, passkey.name, "invalid_signature", context),
    );
  }
}

/**
 * Records a checked assertion in `tx`: its challenge used (one conditional delete, or insert for a
 * sign-in's), the signature counter moved forward (one conditional update: a cloned authenticator
 * replaying a lower count loses) and `passkey_used` audited. A refusal here must roll `tx` back;
 * then settleRefusedAssertion records it.
 */
export async function recordAssertionUse(
  tx: Transaction,
  checked: CheckedAssertion,
  context: RequestContext,
  now: Date,
): Promise<{ ok: true } | { ok: false; reason: "challenge" | "counter" }> {
  const { account, passkey, newCounter } = checked;
  const userId = checked.purpose === "SIGN_IN" ? null : account.id;
  if (!(await consumeChallenge(checked.challenge, checked.purpose, userId, now, tx))) {
    return { ok: false, reason: "challenge" };
  }
  const moved = await tx.passkey.updateMany({
    where: {
      id: passkey.id,
      counter: newCounter > 0 ? { lt: BigInt(newCounter) } : BigInt(0),
    },
    data: { counter: BigInt(newCounter), lastUsedAt: now },
  });
  if (moved.count !== 1) return { ok: false, reason: "counter" };
  const details = { name: passkey.name, step: checked.purpose.toLowerCase() };
  const event = { type: "passkey_used", actor: account, subject: account } as const;
  await recordAuditEvent({ ...event, context, details }, tx);
  return { ok: true };
}

/**
 * After a transaction that checked `checked` rolled back (the counter went backwards, or what it
 * completed was over): the challenge is used up all the same, and a counter regression audited.
 */
export async function settleRefusedAssertion(
  checked: CheckedAssertion,
  reason: "challenge" | "counter" | "other",
  context: RequestContext,
  now: Date,
): Promise<void> {
  if (reason === "challenge") return;
  const userId = checked.purpose === "SIGN_IN" ? null : checked.account.id;
  if (!(await consumeChallenge(checked.challenge, checked.purpose, userId, now))) return;
  if (reason === "counter") {
    const { account, passkey } = checked;
    await refusedEvent(account, passkey.name, "counter_regression", context, {
      stored: Number(passkey.counter),
      received: checked.newCounter,
    });
  }
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
