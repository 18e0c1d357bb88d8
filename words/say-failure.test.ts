import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { failure, type FailureCode } from "@/lib/failures/failure";
import { storedFailure } from "@/lib/failures/stored-failure";
import { catalogues } from "./catalogue";
import { LOCALES } from "./locales";
import { isSaidCode, sayFailure, sayStoredFailure } from "./say-failure";

// The English words are the product's (docs/PRODUCT.md): browser tests and people read them as
// they stand. The other languages say the same refusal with the same values.

/** Every code of the vocabulary, as lib/failures/failure.ts lists them. */
const CODES = [
  ...readFileSync(path.join(import.meta.dirname, "../lib/failures/failure.ts"), "utf8").matchAll(
    /^\s*\|\s*"([a-z_]+)"/gm,
  ),
].map(([, code]) => code as FailureCode);

const VALUES = {
  email: "x@example.com",
  name: "Laptop",
  host: "smtp.example.com",
  at: "smtp.example.com:587",
  reply: "550 no such user",
  code: "EAUTH",
  minutes: 1,
  max: 100,
  min: 10,
  retryAfterSeconds: 60,
};

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
      failure("codes_locked", { params: { minutes: 120 } }),
      "Too many wrong codes. Try again in 2 hours.",
    ],
    [
      failure("codes_locked", { params: { minutes: 15 } }),
      "Too many wrong codes. Try again in 15 minutes.",
    ],
    [
      failure("wrong_code", { params: { lockMinutes: 15 } }),
      "That code is not valid. Check your authenticator app and try again. Too many wrong codes. Try again in 15 minutes.",
    ],
    [
      failure("recovery_code_wrong", { params: { lockMinutes: 61 } }),
      "That recovery code is not valid. Too many wrong codes. Try again in 1 hour 1 minute.",
    ],
    [failure("too_long", { params: { max: 65535 } }), "Use at most 65535 characters."],
    [
      failure("passkey_name_taken", { params: { name: "Work {laptop}" } }),
      "You already have a passkey named “Work {laptop}”.",
    ],
    [failure("smtp_from_refused"), "The SMTP server refused the from address."],
    [
      failure("smtp_from_refused", { params: { reply: "550 5.1.1 Who's that?" } }),
      "The SMTP server refused the from address: 550 5.1.1 Who's that?",
    ],
    [
      failure("smtp_failed", { params: { at: "mail:25" } }),
      "Sending through the SMTP server mail:25 failed.",
    ],
    [
      failure("smtp_failed", { params: { at: "mail:25", code: "EWEIRD" } }),
      "Sending through the SMTP server mail:25 failed (EWEIRD).",
    ],
    [
      failure("from_address_invalid"),
      "Enter a valid email address, such as noreply@example.com or AppMail <noreply@example.com>.",
    ],
    [failure("wrong_credentials"), "Invalid email or password"],
    [failure("form_unreadable"), "The form could not be read. Reload the page and try again."],
  ])("says %j as today's sentence", (refusal, words) => {
    expect(sayFailure(refusal)).toBe(words);
    expect(sayFailure(refusal, "en")).toBe(words);
  });

  it("says a refusal in German, French and Spanish, with its values", () => {
    const locked = failure("wrong_code", { params: { lockMinutes: 90 } });
    expect(sayFailure(locked, "de")).toBe(
      "Dieser Code ist ungültig. Prüfen Sie Ihre Authenticator-App und versuchen Sie es erneut. Zu viele falsche Codes. Versuchen Sie es in 1 Stunde und 30 Minuten erneut.",
    );
    expect(sayFailure(failure("codes_locked", { params: { minutes: 1 } }), "fr")).toBe(
      "Trop de codes erronés. Réessayez dans 1 minute.",
    );
    expect(sayFailure(failure("too_long", { params: { max: 100 } }), "es")).toBe(
      "Usa como máximo 100 caracteres.",
    );
    expect(
      sayFailure(failure("not_locked_out", { params: { email: "ana@example.com" } }), "de"),
    ).toBe("ana@example.com ist nicht gesperrt.");
  });

  it("has a message for every code in every language, none empty or missing a value", () => {
    expect(CODES.length).toBeGreaterThan(100);
    const errors: string[] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(" "));
    try {
      for (const code of CODES) {
        expect(isSaidCode(code), code).toBe(true);
        for (const locale of LOCALES) {
          const said = sayFailure({ code, params: VALUES }, locale);
          expect(said, `${locale}: ${code}`).toMatch(/^\S/);
          expect(said, `${locale}: ${code}`).not.toMatch(/undefined|NaN|\[object|\{|failures\./);
        }
      }
    } finally {
      console.error = log;
    }
    expect(errors).toEqual([]);
  });

  it("lists in the catalogue no code the vocabulary does not have", () => {
    const listed = Object.keys(catalogues.en.failures).filter((key) => key !== "parts");
    expect(listed.sort()).toEqual([...CODES].sort());
  });
});

describe("sayStoredFailure", () => {
  it("says a stored failure in the reader's language, and an older row's words as they are", () => {
    const stored = storedFailure(failure("smtp_connection_refused", { params: { at: "mail:25" } }));
    expect(sayStoredFailure(stored)).toBe("The SMTP server mail:25 refused the connection.");
    expect(sayStoredFailure(stored, "de")).toBe(
      "Der SMTP-Server mail:25 hat die Verbindung abgelehnt.",
    );
    expect(sayStoredFailure("The SMTP server refused.", "de")).toBe("The SMTP server refused.");
    expect(sayStoredFailure('{"code":"parts"}', "fr")).toBe('{"code":"parts"}');
    expect(sayStoredFailure('{"code":"no_such_code"}')).toBe('{"code":"no_such_code"}');
  });
});
