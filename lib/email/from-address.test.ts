import { describe, expect, it } from "vitest";
import { formatFromAddress, parseFromAddress } from "./from-address";
import { emailSettingsSchema } from "./schemas";
import { sayStoredFailure } from "@/words/say-failure";

describe("the From address", () => {
  it.each([
    ["noreply@example.com", "noreply@example.com"],
    ["AppMail <noreply@example.com>", "AppMail <noreply@example.com>"],
    ['"AppMail" <noreply@example.com>', "AppMail <noreply@example.com>"],
    ['"Acme, Inc." <a@example.com>', '"Acme, Inc." <a@example.com>'],
    ["  Ünïcødé   Team <a@example.com> ", "Ünïcødé Team <a@example.com>"],
    ["<a@example.com>", "a@example.com"],
  ])("accepts %j, stored as %j", (typed, stored) => {
    const parsed = parseFromAddress(typed);
    expect(parsed).not.toBeNull();
    expect(formatFromAddress(parsed!)).toBe(stored);
    // What is stored reads back the same.
    expect(formatFromAddress(parseFromAddress(stored)!)).toBe(stored);
  });

  it.each([
    "garbage",
    "AppMail <>",
    "AppMail <not an address>",
    "a@example.com, b@example.com",
    "a@b.com c@d.com",
    "c@d.com <a@b.com>",
    "AppMail noreply@example.com",
    "AppMail <a@example.com> trailing",
    "<a@example.com",
    "Team: a@b.com;",
    "AppMail <a@example.com>\r\nBcc: x@example.com",
  ])("refuses %j", (typed) => {
    expect(parseFromAddress(typed)).toBeNull();
  });

  it("is refused at its field with a clear message, and stored in its one spelling", () => {
    const form = { smtpHost: "smtp.example.com", smtpPort: "587", smtpSecurity: "STARTTLS" };
    const refused = emailSettingsSchema.safeParse({ ...form, fromAddress: "AppMail <nope>" });
    expect(refused.success).toBe(false);
    const issue = refused.error?.issues[0];
    expect(issue?.path).toEqual(["fromAddress"]);
    expect(sayStoredFailure(issue?.message ?? "")).toBe(
      "Enter a valid email address, such as noreply@example.com or AppMail <noreply@example.com>.",
    );
    const saved = emailSettingsSchema.parse({
      ...form,
      fromAddress: '"AppMail" <noreply@example.com>',
    });
    expect(saved.fromAddress).toBe("AppMail <noreply@example.com>");
  });
});
