import "server-only";
import {
  generateAuthenticationOptions,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { db } from "@/lib/db/client";
import { challengeBytes, issueChallenge } from "./challenges";
import { relyingParty } from "./relying-party";

type Account = { id: string; email: string };

/**
 * Where an account's own passkey is asked for: step 2 of a sign-in, a password reset, or the
 * confirmation of a passkey-only account's change of passkeys, which must be user verified.
 */
export type AccountPurpose = "SECOND_STEP" | "RESET" | "CONFIRM";

/**
 * Options for a passkey prompt: on /login any discoverable credential, with user verification
 * (it stands in for the password); at step 2, on a reset link or for a confirmation only the
 * account's own passkeys, a confirmation user verified too (docs/rules.md, rule 27).
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
    userVerification: account && accountPurpose !== "CONFIRM" ? "preferred" : "required",
    timeout: 120_000,
  });
}
