import { failure, retryMinutes, type Failure } from "@/lib/failures/failure";

// Why step 1 refused, as the server says it and the sign-in form reads it. next-auth carries a
// refusal only as the text of its `?error=` parameter, a token of ours (never words), so this
// module owns that token both ways; the words on the screen are the failure's, in the page's
// language, which the page gives the form (`signInRefusalWords`): the browser loads no catalogue
// (docs/architecture.md, "Languages"). No server-only code: the browser imports it.
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

/** Where the number of minutes goes in `throttledMinutes`. */
const MINUTES = "{minutes}";

/** The sign-in form's words for each refusal, said by the page in its language. */
export type SignInRefusalWords = {
  wrongCredentials: string;
  deactivated: string;
  unavailable: string;
  /** Throttled for 1 minute, and for more (`{minutes}` stands for the number). */
  throttledOneMinute: string;
  throttledMinutes: string;
};

/**
 * The page's side: each refusal the form may show, said by `say` (the request's failure sayer).
 * A wait of several minutes is said once for a number no language of ours writes differently
 * (no group separator below 1,000), which then stands as `{minutes}`; every language of ours
 * says 1 alone in its "one" form and every other whole number in "other".
 */
export function signInRefusalWords(say: (failure: Failure) => string): SignInRefusalWords {
  const many = 997;
  const throttled = (minutes: number) =>
    say(failure("sign_in_throttled", { params: { retryAfterSeconds: minutes * 60 } }));
  return {
    wrongCredentials: say(failure("wrong_credentials")),
    deactivated: say(failure("account_deactivated")),
    unavailable: say(failure("sign_in_unavailable")),
    throttledOneMinute: throttled(1),
    throttledMinutes: throttled(many).replace(String(many), MINUTES),
  };
}

/** The form's side: `refusal` in the words the page gave. */
export function sayRefusal(refusal: SignInRefusal, words: SignInRefusalWords): string {
  switch (refusal.code) {
    case "wrong_credentials":
      return words.wrongCredentials;
    case "account_deactivated":
      return words.deactivated;
    case "sign_in_throttled": {
      const minutes = retryMinutes(Number(refusal.params?.retryAfterSeconds));
      return minutes === 1
        ? words.throttledOneMinute
        : words.throttledMinutes.replace(MINUTES, String(minutes));
    }
    default:
      return words.unavailable;
  }
}
