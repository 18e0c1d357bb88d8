import { MAX_FAILED_CODES } from "@/lib/two-factor/code-lock";
import type { AuditEventType } from "@/lib/audit/audit";
import { formatDateTime } from "@/lib/format/date-time";
import { phrase as p, type DetailLine, type Phrase } from "./phrase";
import { settingsChangeWords } from "./settings-change-words";

// The "Details" column of the security log: what each event's stored details say, as messages of
// the `securityLog` catalogue (phrase.ts). The details never hold a password, code or secret
// (lib/audit/audit.ts); what they hold is shown here, except the SMTP username, which is only
// named (settings-change-words.ts).

type Value = string | number | boolean | null | undefined;
type Details = Record<string, Value>;

/** A message of a group keyed by a stored code (`roles.ADMIN`), if the group names that code. */
const KNOWN: Record<string, readonly string[]> = {
  roles: ["ADMIN", "CUSTOMER"],
  while: [
    "enable_two_factor",
    "disable_two_factor",
    "regenerate_recovery_codes",
    "change_password",
    "add_passkey",
    "remove_passkey",
    "reset_password",
  ],
  signInStep: [
    "password",
    "complete",
    "trusted_browser",
    "authentication_code",
    "recovery_code",
    "issued_recovery_code",
    "passkey",
  ],
  signInFailure: ["wrong_password", "unknown_email", "deactivated"],
  passkeyPurpose: ["second_step", "sign_in", "reset", "confirm"],
  passkeyRefusal: [
    "invalid_signature",
    "counter_regression",
    "confirmation_malformed",
    "confirmation_unknown",
    "confirmation_challenge",
  ],
  resetFactor: ["totp", "recovery", "passkey", "none"],
};

const coded = (group: string, code: Value): Phrase | null =>
  KNOWN[group]!.includes(String(code)) ? p(`${group}.${String(code)}`) : null;

/** A role's word, or the stored value when this version does not know it. */
const role = (code: Value): Phrase | string => coded("roles", code) ?? String(code);

const named = (value: Value): Phrase | null =>
  value ? p("details.quoted", { name: String(value) }) : null;
const line = (...parts: (Phrase | null | undefined)[]): DetailLine =>
  parts.filter((part): part is Phrase => Boolean(part));
const whileDoing = (action: Value) => (action ? coded("while", action) : null);
const count = (value: Value) => Number(value);

function duration(minutes: Value): Phrase {
  const total = Number(minutes);
  if (!Number.isFinite(total)) return p("details.aWhile");
  if (total >= 60 && total % 60 === 0) return p("details.hours", { count: total / 60 });
  return p("details.minutes", { count: total });
}

function accountChanges(details: Details): DetailLine[] {
  const changed = String(details.changed ?? "").split(",");
  const lines: DetailLine[] = [];
  if (changed.includes("name")) lines.push([p("details.nameChanged")]);
  if (changed.includes("email")) {
    lines.push([
      details.previousEmail
        ? p("details.emailChangedFrom", { email: String(details.previousEmail) })
        : p("details.emailChanged"),
    ]);
  }
  if (changed.includes("role") && typeof details.role === "string") {
    const [from, to] = details.role.split("->");
    lines.push([p("details.roleChanged", { from: role(from), to: role(to) })]);
  }
  return lines;
}

/** "2026-12-09 14:00 UTC" in English, as it always was; in the reader's language otherwise. */
const moment = (iso: string, locale: string) =>
  locale.startsWith("en")
    ? `${iso.slice(0, 16).replace("T", " ")} UTC`
    : formatDateTime(new Date(iso), locale);

type Said = DetailLine | DetailLine[] | Phrase | null;

const WORDS: Partial<Record<AuditEventType, (details: Details, locale: string) => Said>> = {
  sign_in_succeeded: (d) => coded("signInStep", d.step),
  sign_in_failed: (d) => coded("signInFailure", d.reason),
  sign_in_throttled: (d) => line(p("details.throttled"), whileDoing(d.action)),
  password_check_failed: (d) => line(p("details.wrongCurrentPassword"), whileDoing(d.action)),
  account_created: (d) => (d.role ? p("details.role", { role: role(d.role) }) : null),
  account_updated: accountChanges,
  account_deactivated: (d) =>
    typeof d.ended === "number" ? p("details.signInsEnded", { count: d.ended }) : null,
  password_reset_requested: (d) =>
    d.accountExists === false ? p("details.resetNoAccount") : p("details.resetQueued"),
  password_reset: (d) => coded("resetFactor", d.secondFactor),
  two_factor_reset: (d) =>
    typeof d.passkeys === "number"
      ? p("details.removed", { app: d.authenticatorApp ? "yes" : "no", count: d.passkeys })
      : null,
  account_unlocked: (d) => [
    line(d.secondStep ? p("details.secondStepUnlocked") : null),
    line(d.password ? p("details.passwordUnlocked") : null),
  ],
  two_factor_enabled: (d) => (d.issuer ? p("details.shownAs", { name: named(d.issuer)! }) : null),
  two_factor_code_failed: (d) =>
    line(
      p("details.codeRefused", { count: String(d.consecutiveFailures), max: MAX_FAILED_CODES }),
      whileDoing(d.action),
    ),
  two_factor_locked: (d) =>
    line(
      p("details.lockedFor", { duration: duration(d.minutes) }),
      d.lockNumber ? p("details.lockNumber", { number: String(d.lockNumber) }) : null,
    ),
  recovery_code_used: (d) =>
    typeof d.remaining === "number" ? p("details.recoveryCodesLeft", { count: d.remaining }) : null,
  recovery_code_issued: (d, locale) =>
    typeof d.expiresAt === "string"
      ? p("details.validUntil", { time: moment(d.expiresAt, locale) })
      : null,
  issued_recovery_code_used: (d) => coded("passkeyPurpose", d.step),
  settings_changed: (d) => settingsChangeWords(d).map((said) => [said]),
  sign_ins_ended: (d) =>
    d.scope === "one"
      ? p("details.otherBrowserSignedOut")
      : p("details.allOtherSignedOut", { count: count(d.count) }),
  sign_in_disowned: (d) =>
    line(
      p("details.disowned", {
        browser: named(d.browser) ?? "",
        address: d.address ? String(d.address) : p("details.unknownAddress"),
      }),
      p("details.trustedRevoked", { count: count(d.trustedBrowsersRevoked) }),
    ),
  signed_out_everywhere: (d) => p("details.signedOutOf", { count: count(d.count) }),
  passkey_added: (d) => named(d.name),
  passkey_removed: (d) => named(d.name),
  passkey_renamed: (d) =>
    p("details.renamed", { from: named(d.from) ?? "", name: named(d.name) ?? "" }),
  passkey_used: (d) => line(named(d.name), coded("passkeyPurpose", d.step)),
  passkey_refused: (d) =>
    line(
      named(d.name),
      coded("passkeyRefusal", d.reason) ?? p("details.refused"),
      typeof d.stored === "number"
        ? p("details.counter", { stored: String(d.stored), received: String(d.received) })
        : null,
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
 * The details of one stored event as lines of phrases (none when there is nothing to add), for a
 * reader of `locale`. An event type or a detail this version does not know gives no line rather
 * than raw JSON.
 */
export function auditDetailsInWords(
  type: string,
  json: string | null,
  locale = "en",
): DetailLine[] {
  const details = parse(json);
  if (!details) return [];
  const words = WORDS[type as AuditEventType];
  if (!words || !Object.hasOwn(WORDS, type)) return [];
  const said = words(details, locale);
  if (!said) return [];
  const lines = !Array.isArray(said)
    ? [[said]]
    : Array.isArray(said[0])
      ? (said as DetailLine[])
      : [said as DetailLine];
  return lines.filter((parts) => parts.length > 0);
}
