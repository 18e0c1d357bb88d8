import { describe, expect, it } from "vitest";
import { readStoredFailure, storedFailure } from "@/lib/failures/stored-failure";
import { sayFailure, sayStoredFailure } from "@/words/say-failure";
import { smtpFailure, type SmtpServer } from "./smtp-errors";

/** The failure as the test e-mail's answer and the outbox's "Last error" say it. */
const smtpErrorInWords = (error: unknown, server: SmtpServer) =>
  sayFailure(smtpFailure(error, server));

const server = { host: "smtp.example.com", port: 587 };
// The shapes nodemailer 10 gives (code, and the system's originalCode), as seen against real sockets.
const error = (fields: Record<string, unknown>, message = "raw message") =>
  Object.assign(new Error(message), fields);

describe("smtpFailure, in words", () => {
  it.each([
    [
      { code: "EDNS", originalCode: "ENOTFOUND" },
      "Could not find the SMTP server smtp.example.com.",
    ],
    [
      { code: "EDNS", originalCode: "EAI_AGAIN" },
      "Could not find the SMTP server smtp.example.com.",
    ],
    [
      { code: "ESOCKET", originalCode: "ECONNREFUSED", command: "CONN" },
      "The SMTP server smtp.example.com:587 refused the connection.",
    ],
    [
      { code: "ETIMEDOUT", command: "CONN" },
      "The SMTP server smtp.example.com:587 did not answer in time.",
    ],
    [
      { code: "ESOCKET", originalCode: "ERR_SSL_WRONG_VERSION_NUMBER" },
      "The SMTP server smtp.example.com:587 did not start a TLS connection: check the port and the connection security.",
    ],
    [
      { code: "ESOCKET", originalCode: "DEPTH_ZERO_SELF_SIGNED_CERT" },
      "The certificate of the SMTP server smtp.example.com is not trusted (self-signed or from an unknown authority).",
    ],
    [
      { code: "ESOCKET", originalCode: "CERT_HAS_EXPIRED" },
      "The certificate of the SMTP server smtp.example.com has expired.",
    ],
    [
      { code: "EAUTH", command: "AUTH PLAIN", responseCode: 535, response: "535 5.7.8 bad" },
      "The SMTP server refused the username or password.",
    ],
    [
      {
        code: "EENVELOPE",
        command: "RCPT TO",
        responseCode: 550,
        response: "550 5.1.1 No such\r\n user",
      },
      "The SMTP server refused the recipient: 550 5.1.1 No such user",
    ],
    [
      { code: "EENVELOPE", command: "MAIL FROM", responseCode: 553, response: "553 not yours" },
      "The SMTP server refused the from address: 553 not yours",
    ],
    [
      { code: "EPROTOCOL", response: "HTTP/1.1 400" },
      "The SMTP server smtp.example.com:587 did not answer as an SMTP server does: check the port.",
    ],
    [
      { code: "EWHATEVER" },
      "Sending through the SMTP server smtp.example.com:587 failed (EWHATEVER).",
    ],
    [{}, "Sending through the SMTP server smtp.example.com:587 failed."],
  ])("%j reads %j", (fields, words) => {
    expect(smtpErrorInWords(error(fields), server)).toBe(words);
  });

  it("never repeats the error's message, and so never a password it may carry", () => {
    const withSecret = error({ code: "EAUTH", response: "535 hunter2" }, "Invalid login: hunter2");
    expect(smtpErrorInWords(withSecret, server)).not.toContain("hunter2");
    expect(smtpErrorInWords("a string thrown", server)).not.toContain("string thrown");
    expect(smtpErrorInWords(null, server)).toMatch(/^Sending through/);
  });

  it("keeps the server's reply short and on one line", () => {
    const long = error({ code: "EENVELOPE", command: "DATA", response: `554 ${"x".repeat(500)}` });
    const words = smtpErrorInWords(long, server);
    expect(words.length).toBeLessThan(260);
    expect(words).not.toContain("\n");
  });
});

describe("a delivery failure stored in the outbox", () => {
  it("is stored as its code and said in words when shown, the same words as at once", () => {
    const failure = smtpFailure(error({ code: "ESOCKET", originalCode: "ECONNREFUSED" }), server);
    const stored = storedFailure(failure);
    expect(stored).not.toContain("refused the connection");
    expect(readStoredFailure(stored)).toEqual(failure);
    expect(sayStoredFailure(stored)).toBe(
      "The SMTP server smtp.example.com:587 refused the connection.",
    );
  });

  it("shows what an older row holds as it is, and an unknown code as it was stored", () => {
    expect(sayStoredFailure("The SMTP server refused the username or password.")).toBe(
      "The SMTP server refused the username or password.",
    );
    expect(sayStoredFailure('{"code":"no_such_code"}')).toBe('{"code":"no_such_code"}');
    expect(sayStoredFailure("{not json")).toBe("{not json");
  });
});
