import { failure, type Failure } from "@/lib/failures/failure";

// Why step 1 refused, as the server says it and the sign-in form reads it. next-auth carries a
// refusal only as the text of its `?error=` parameter, a token of ours (never words), so this
// module owns that token both ways; the words on the screen are the failure's
// (words/en/failures.ts). No server-only code: the browser imports it.
//
// The failure is one of: `wrong_credentials` (a wrong email or password, the same answer for
// both), `account_deactivated` (the right password for a deactivated account),
// `sign_in_throttled` (too many failures for this account, browser or address; its
// `retryAfterSeconds`), `sign_in_unavailable` (the CSRF check failed twice, or next-auth said
// something we do not know).
export type SignInRefusal = Failure;

const THROTTLED = "throttled:";
const DEACTIVATED = "deactivated";

/** The error next-auth passes on for a refusal that is not a plain wrong password. */
export function signInRefusalError(
  refusal: { code: "throttled"; retryAfterSeconds: number } | { code: "deactivated" },
) {
  return refusal.code === "deactivated" ? DEACTIVATED : `${THROTTLED}${refusal.retryAfterSeconds}`;
}

/** Reads next-auth's `error` parameter back ("CredentialsSignin" is its wrong password). */
export function readSignInRefusal(error: string): SignInRefusal {
  if (error === "CredentialsSignin") return failure("wrong_credentials");
  if (error === DEACTIVATED) return failure("account_deactivated");
  const [token, after] = error.split(":", 2);
  const seconds = Number(after);
  if (`${token}:` === THROTTLED && Number.isInteger(seconds) && seconds > 0) {
    return failure("sign_in_throttled", { params: { retryAfterSeconds: seconds } });
  }
  return failure("sign_in_unavailable");
}
