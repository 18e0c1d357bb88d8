// A settings change in the security log, in words: one line per changed setting, from the
// `old_<key>`/`new_<key>` pairs that the two settings pages and `settings:set` record. The SMTP
// password is never recorded, only what happened to it; the SMTP username is named, not shown.

type Value = string | number | boolean | null | undefined;

const POLICY: Record<string, string> = { NOBODY: "Nobody", ADMINS: "Admins", EVERYONE: "Everyone" };
const SECURITY: Record<string, string> = { NONE: "None", STARTTLS: "STARTTLS", TLS: "TLS" };

const quoted = (value: Value) => (value === null || value === undefined ? "none" : `“${value}”`);
const days = (value: Value) => `${value} day${value === 1 ? "" : "s"}`;

/** "X changed from A to B", "X set to B", "X removed": for settings that may be empty. */
function fromTo(name: string, old: Value, now: Value, show: (value: Value) => string = quoted) {
  if (old === null || old === undefined || old === "") return `${name} set to ${show(now)}`;
  if (now === null || now === undefined || now === "") return `${name} removed`;
  return `${name} changed from ${show(old)} to ${show(now)}`;
}

const SETTING_WORDS: Record<string, (old: Value, now: Value) => string> = {
  companyName: (old, now) => fromTo("Company name", old, now),
  twoFactorEnabled: (_old, now) =>
    now ? "Two-factor authentication turned on" : "Two-factor authentication turned off",
  requireTwoFactor: (old, now) =>
    `Policy changed from ${POLICY[String(old)] ?? old} to ${POLICY[String(now)] ?? now}`,
  requirePasskey: (old, now) =>
    `Passkey policy changed from ${POLICY[String(old)] ?? old} to ${POLICY[String(now)] ?? now}`,
  gracePeriodDays: (old, now) => `Grace period changed from ${days(old)} to ${days(now)}`,
  trustBrowserDays: (old, now) => {
    if (!now) return "Trusted browsers turned off";
    if (!old) return `Trusted browsers turned on, for ${days(now)}`;
    return `Trust browsers for changed from ${days(old)} to ${days(now)}`;
  },
  allowPasskeys: (_old, now) => (now ? "Passkeys allowed" : "Passkeys no longer allowed"),
  defaultLanguage: (old, now) => fromTo("Default language", old, now),
  smtpHost: (old, now) => fromTo("SMTP host", old, now, (value) => String(value)),
  smtpPort: (old, now) => `SMTP port changed from ${old} to ${now}`,
  smtpSecurity: (old, now) =>
    `Connection security changed from ${SECURITY[String(old)] ?? old} to ${SECURITY[String(now)] ?? now}`,
  smtpUsername: (old, now) =>
    old ? (now ? "SMTP username changed" : "SMTP username removed") : "SMTP username set",
  fromAddress: (old, now) => fromTo("From address", old, now, (value) => String(value)),
};

const PASSWORD_WORDS: Record<string, string> = {
  changed: "SMTP password changed",
  removed: "SMTP password removed",
  "cleared: the server or username changed":
    "SMTP password cleared, because the server or username changed",
};

/** `details`: the parsed JSON of a `settings_changed` event. */
export function settingsChangeWords(details: Record<string, Value>): string[] {
  const lines: string[] = [];
  for (const key of Object.keys(details)) {
    if (key === "smtpPassword") {
      lines.push(PASSWORD_WORDS[String(details[key])] ?? "SMTP password changed");
      continue;
    }
    if (!key.startsWith("new_")) continue;
    const setting = key.slice("new_".length);
    const words = SETTING_WORDS[setting];
    const old = details[`old_${setting}`];
    lines.push(words ? words(old, details[key]) : `${setting} changed`);
  }
  return lines;
}
