// Why step 1 refused, as the server says it and the sign-in form reads it. next-auth carries a
// refusal only as the text of its `?error=` parameter, so this module owns that text both ways;
// the words on the screen live in the form. No server-only code: the browser imports it.

export type SignInRefusal =
  /** A wrong email or password: the same answer for both. */
  | { code: "invalid" }
  /** The right password for a deactivated account. */
  | { code: "deactivated" }
  /** Too many failures for this account, browser or address. */
  | { code: "throttled"; retryAfterSeconds: number }
  /** The CSRF check failed twice, or next-auth said something we do not know. */
  | { code: "unavailable" };

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
  if (error === "CredentialsSignin") return { code: "invalid" };
  if (error === DEACTIVATED) return { code: "deactivated" };
  if (error.startsWith(THROTTLED)) {
    const seconds = Number(error.slice(THROTTLED.length));
    if (Number.isInteger(seconds) && seconds > 0)
      return { code: "throttled", retryAfterSeconds: seconds };
  }
  return { code: "unavailable" };
}
