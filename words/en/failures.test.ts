import { describe, expect, it } from "vitest";
import { failure } from "@/lib/failures/failure";
import { failureWords, sayFailure } from "./failures";

// The words are the product's (docs/PRODUCT.md): browser tests and people read them as they stand.
describe("sayFailure", () => {
  it.each([
    [failure("wrong_password"), "Your current password is incorrect."],
    [failure("wrong_password_or_code"), "Your password or code is not valid."],
    [
      failure("email_taken", { field: "email" }),
      "An account with this email address already exists.",
    ],
    [failure("last_admin"), "There must be at least one active admin."],
    [failure("invalid_link"), "This link is not valid or has expired."],
    [
      failure("already_active", { params: { email: "ana@example.com" } }),
      "ana@example.com is already active.",
    ],
    [
      failure("nothing_to_reset", { params: { email: "ana@example.com" } }),
      "ana@example.com has no second factor to reset.",
    ],
    [
      failure("too_many_passwords", { params: { retryAfterSeconds: 61 } }),
      "Too many wrong passwords. Try again in 2 minutes.",
    ],
    [
      failure("too_many_passwords", { params: { retryAfterSeconds: 5 } }),
      "Too many wrong passwords. Try again in 1 minute.",
    ],
    [
      failure("codes_locked", { params: { minutes: 90 } }),
      "Too many wrong codes. Try again in 1 hour 30 minutes.",
    ],
    [
      failure("wrong_code", { params: { lockMinutes: 15 } }),
      "That code is not valid. Check your authenticator app and try again. Too many wrong codes. Try again in 15 minutes.",
    ],
    [failure("form_unreadable"), "The form could not be read. Reload the page and try again."],
  ])("says %j as today's sentence", (refusal, words) => {
    expect(sayFailure(refusal)).toBe(words);
  });

  it("has words for every code, none empty or missing a value", () => {
    for (const [code, words] of Object.entries(failureWords)) {
      const said =
        typeof words === "string"
          ? words
          : words({
              email: "x@example.com",
              name: "Laptop",
              host: "smtp.example.com",
              at: "smtp.example.com:587",
              reply: "550 no such user",
              minutes: 1,
              max: 100,
              min: 10,
              retryAfterSeconds: 60,
            });
      expect(said, code).toMatch(/^\S/);
      expect(said, code).not.toMatch(/undefined|NaN|\[object/);
    }
  });
});
