import { MAX_FAILED_CODES } from "@/lib/two-factor/code-lock";
import type { AuditEventType } from "@/lib/audit/audit";
import { settingsChangeWords } from "./settings-change-words";

// The "Details" column of the security log: what each event's stored details say, in words. The
// details never hold a password, code or secret (lib/audit/audit.ts); what they hold is shown
// here, except the SMTP username, which is only named (settings-change-words.ts).

type Value = string | number | boolean | null | undefined;
type Details = Record<string, Value>;

const ROLE: Record<string, string> = { ADMIN: "Admin", CUSTOMER: "Customer" };

const WHILE: Record<string, string> = {
  enable_two_factor: "while enabling two-factor",
  disable_two_factor: "while disabling two-factor",
  regenerate_recovery_codes: "while regenerating recovery codes",
  change_password: "while changing the password",
  add_passkey: "while adding a passkey",
  remove_passkey: "while removing a passkey",
  reset_password: "while resetting the password",
};

const SIGN_IN_STEP: Record<string, string> = {
  password: "Password accepted; a second step follows",
  complete: "With the password (no second step asked)",
  trusted_browser: "With the password; a trusted browser skipped the code",
  authentication_code: "With an authentication code",
  recovery_code: "With a recovery code",
  issued_recovery_code: "With a recovery code from an admin; a new factor must follow",
  passkey: "With a passkey",
};

const SIGN_IN_FAILURE: Record<string, string> = {
  wrong_password: "Wrong password",
  unknown_email: "No account has that email",
  deactivated: "The account is deactivated",
};

const PASSKEY_PURPOSE: Record<string, string> = {
  second_step: "for the second step",
  sign_in: "to sign in",
  reset: "to reset the password",
  confirm: "to confirm a change",
};

const PASSKEY_REFUSAL: Record<string, string> = {
  invalid_signature: "The signature did not check out",
  counter_regression: "The signature counter went backwards (a copied authenticator?)",
  confirmation_malformed: "No readable confirmation",
  confirmation_unknown: "A passkey this account does not have",
  confirmation_challenge: "The confirmation had expired or was used",
};

const RESET_FACTOR: Record<string, string> = {
  totp: "Proven with an authentication code",
  recovery: "Proven with a recovery code",
  passkey: "Proven with a passkey",
  none: "No second factor to prove",
};

const plural = (count: Value, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
const named = (value: Value) => (value ? `“${value}”` : "");
const joined = (...parts: (string | null | undefined | false)[]) => parts.filter(Boolean).join(" ");
const whileDoing = (action: Value) => (action ? WHILE[String(action)] : undefined);

function duration(minutes: Value): string {
  const total = Number(minutes);
  if (!Number.isFinite(total)) return "a while";
  if (total >= 60 && total % 60 === 0) return plural(total / 60, "hour", "hours");
  return plural(total, "minute", "minutes");
}

function accountChanges(details: Details): string[] {
  const changed = String(details.changed ?? "").split(",");
  const lines: string[] = [];
  if (changed.includes("name")) lines.push("Name changed");
  if (changed.includes("email")) {
    lines.push(
      details.previousEmail ? `Email changed from ${details.previousEmail}` : "Email changed",
    );
  }
  if (changed.includes("role") && typeof details.role === "string") {
    const [from, to] = details.role.split("->");
    lines.push(`Role changed from ${ROLE[from!] ?? from} to ${ROLE[to!] ?? to}`);
  }
  return lines;
}

const WORDS: Partial<Record<AuditEventType, (details: Details) => string | string[]>> = {
  sign_in_succeeded: (d) => SIGN_IN_STEP[String(d.step)] ?? "",
  sign_in_failed: (d) => SIGN_IN_FAILURE[String(d.reason)] ?? "",
  sign_in_throttled: (d) =>
    joined("Too many wrong passwords: further tries wait", whileDoing(d.action)),
  password_check_failed: (d) => joined("Wrong current password", whileDoing(d.action)),
  account_created: (d) => (d.role ? `Role: ${ROLE[String(d.role)] ?? d.role}` : ""),
  account_updated: accountChanges,
  account_deactivated: (d) =>
    typeof d.ended === "number" ? `${plural(d.ended, "sign-in", "sign-ins")} ended` : "",
  password_reset_requested: (d) =>
    d.accountExists === false
      ? "No account has that email: nothing sent"
      : "A reset link was queued",
  password_reset: (d) => RESET_FACTOR[String(d.secondFactor)] ?? "",
  two_factor_reset: (d) =>
    typeof d.passkeys === "number"
      ? `Removed: ${d.authenticatorApp ? "the authenticator app, " : ""}${plural(d.passkeys, "passkey", "passkeys")}`
      : "",
  account_unlocked: (d) => [
    d.secondStep ? "Second step unlocked" : "",
    d.password ? "Password sign-in unlocked" : "",
  ],
  two_factor_enabled: (d) => (d.issuer ? `Shown in the app as ${named(d.issuer)}` : ""),
  two_factor_code_failed: (d) =>
    joined(`Code refused (${d.consecutiveFailures} of ${MAX_FAILED_CODES})`, whileDoing(d.action)),
  two_factor_locked: (d) =>
    joined(`Locked for ${duration(d.minutes)}`, d.lockNumber ? `(lock ${d.lockNumber})` : null),
  recovery_code_used: (d) =>
    typeof d.remaining === "number"
      ? `${plural(d.remaining, "recovery code", "recovery codes")} left`
      : "",
  recovery_code_issued: (d) =>
    typeof d.expiresAt === "string"
      ? `Valid until ${d.expiresAt.slice(0, 16).replace("T", " ")} UTC`
      : "",
  issued_recovery_code_used: (d) => PASSKEY_PURPOSE[String(d.step)] ?? "",
  settings_changed: settingsChangeWords,
  sign_ins_ended: (d) =>
    d.scope === "one"
      ? "Another browser signed out"
      : `All other browsers signed out (${plural(d.count, "browser", "browsers")})`,
  sign_in_disowned: (d) =>
    joined(
      `Ended the sign-in of ${named(d.browser)} from ${d.address ?? "an unknown address"}`,
      `(${plural(d.trustedBrowsersRevoked, "trusted browser", "trusted browsers")} revoked)`,
    ),
  signed_out_everywhere: (d) => `Signed out of ${plural(d.count, "browser", "browsers")}`,
  passkey_added: (d) => named(d.name),
  passkey_removed: (d) => named(d.name),
  passkey_renamed: (d) => `Renamed from ${named(d.from)} to ${named(d.name)}`,
  passkey_used: (d) => joined(named(d.name), PASSKEY_PURPOSE[String(d.step)]),
  passkey_refused: (d) =>
    joined(
      named(d.name),
      PASSKEY_REFUSAL[String(d.reason)] ?? "Refused",
      typeof d.stored === "number" ? `(stored ${d.stored}, received ${d.received})` : null,
      whileDoing(d.action),
    ),
};

function parse(json: string | null): Details | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Details) : null;
  } catch {
    return null;
  }
}

/**
 * The details of one stored event as lines of words (none when there is nothing to add). An
 * event type or a detail this version does not know gives no line rather than raw JSON.
 */
export function auditDetailsInWords(type: string, json: string | null): string[] {
  const details = parse(json);
  if (!details) return [];
  const words = WORDS[type as AuditEventType];
  if (!words) return [];
  const result = words(details);
  return (Array.isArray(result) ? result : [result]).filter((line) => line.length > 0);
}
