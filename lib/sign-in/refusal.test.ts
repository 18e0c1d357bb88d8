import { describe, expect, it } from "vitest";
import { LOCALES } from "@/words/locales";
import { sayFailure } from "@/words/say-failure";
import { readSignInRefusal, sayRefusal, signInRefusalError, signInRefusalWords } from "./refusal";

// The sign-in form says step 1's refusals with the words its page gave it (it loads no
// catalogue): the same sentences the failures catalogue says for each language.
describe("the sign-in form's refusals", () => {
  it("are the catalogue's sentences in every language, whatever the minutes", () => {
    for (const locale of LOCALES) {
      const words = signInRefusalWords((failure) => sayFailure(failure, locale));
      for (const error of [
        "CredentialsSignin",
        signInRefusalError({ code: "deactivated" }),
        "Configuration",
        ...[1, 59, 60, 61, 119, 600, 899, 900, 3600].map((retryAfterSeconds) =>
          signInRefusalError({ code: "throttled", retryAfterSeconds }),
        ),
      ]) {
        const refusal = readSignInRefusal(error);
        expect(sayRefusal(refusal, words), `${locale}: ${error}`).toBe(sayFailure(refusal, locale));
      }
    }
  });

  it("in English, as they stand", () => {
    const words = signInRefusalWords((failure) => sayFailure(failure));
    expect(sayRefusal(readSignInRefusal("throttled:61"), words)).toBe(
      "Too many failed sign-in attempts. Try again in 2 minutes.",
    );
    expect(sayRefusal(readSignInRefusal("CredentialsSignin"), words)).toBe(
      "Invalid email or password",
    );
  });
});
