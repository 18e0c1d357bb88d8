import { LANGUAGE_NAMES, isLocale } from "@/words/locales";
import { phrase as p, type Phrase, type PhraseValue } from "./phrase";

// A settings change in the security log, as messages of the `securityLog` catalogue: one line per
// changed setting, from the `old_<key>`/`new_<key>` pairs that the settings pages and
// `settings:set` record. The SMTP password is never recorded, only what happened to it; the SMTP
// username is named, not shown.

type Value = string | number | boolean | null | undefined;

const SCOPES = ["NOBODY", "ADMINS", "EVERYONE"];
const scope = (value: Value): PhraseValue =>
  SCOPES.includes(String(value)) ? p(`settings.scopes.${String(value)}`) : String(value);
const security = (value: Value): PhraseValue =>
  value === "NONE" ? p("settings.securityNone") : String(value);
/** A language by its own name (words/locales.ts), as the "Default language" select shows it. */
const language = (value: Value): PhraseValue =>
  isLocale(value) ? LANGUAGE_NAMES[value] : String(value);
const quoted = (value: Value): PhraseValue => p("details.quoted", { name: String(value) });
const days = (value: Value) => p("settings.days", { count: Number(value) });
const empty = (value: Value) => value === null || value === undefined || value === "";

/** "X changed from A to B", "X set to B", "X removed": for settings that may be empty. */
function fromTo(
  name: string,
  old: Value,
  now: Value,
  show: (value: Value) => PhraseValue = quoted,
) {
  const setting = p(`settings.${name}`);
  if (empty(old)) return p("settings.setTo", { name: setting, value: show(now) });
  if (empty(now)) return p("settings.removed", { name: setting });
  return p("settings.changedFrom", { name: setting, old: show(old), now: show(now) });
}

const text = (value: Value) => String(value);

const SETTING_WORDS: Record<string, (old: Value, now: Value) => Phrase> = {
  companyName: (old, now) => fromTo("companyName", old, now),
  twoFactorEnabled: (_old, now) => p(now ? "settings.twoFactorOn" : "settings.twoFactorOff"),
  requireTwoFactor: (old, now) => p("settings.policy", { old: scope(old), now: scope(now) }),
  requirePasskey: (old, now) => p("settings.passkeyPolicy", { old: scope(old), now: scope(now) }),
  gracePeriodDays: (old, now) => p("settings.gracePeriod", { old: days(old), now: days(now) }),
  trustBrowserDays: (old, now) => {
    if (!now) return p("settings.trustOff");
    if (!old) return p("settings.trustOn", { days: days(now) });
    return p("settings.trustChanged", { old: days(old), now: days(now) });
  },
  allowPasskeys: (_old, now) => p(now ? "settings.passkeysAllowed" : "settings.passkeysNotAllowed"),
  defaultLanguage: (old, now) => fromTo("defaultLanguage", old, now, language),
  smtpHost: (old, now) => fromTo("smtpHost", old, now, text),
  smtpPort: (old, now) => p("settings.smtpPort", { old: text(old), now: text(now) }),
  smtpSecurity: (old, now) =>
    p("settings.connectionSecurity", { old: security(old), now: security(now) }),
  smtpUsername: (old, now) =>
    p(
      old
        ? now
          ? "settings.usernameChanged"
          : "settings.usernameRemoved"
        : "settings.usernameSet",
    ),
  fromAddress: (old, now) => fromTo("fromAddress", old, now, text),
};

const PASSWORD_WORDS: Record<string, string> = {
  changed: "settings.passwordChanged",
  removed: "settings.passwordRemoved",
  "cleared: the server or username changed": "settings.passwordCleared",
};

/** `details`: the parsed JSON of a `settings_changed` event. */
export function settingsChangeWords(details: Record<string, Value>): Phrase[] {
  const lines: Phrase[] = [];
  for (const key of Object.keys(details)) {
    if (key === "smtpPassword") {
      lines.push(p(PASSWORD_WORDS[String(details[key])] ?? "settings.passwordChanged"));
      continue;
    }
    if (!key.startsWith("new_")) continue;
    const setting = key.slice("new_".length);
    const words = Object.hasOwn(SETTING_WORDS, setting) ? SETTING_WORDS[setting] : undefined;
    const old = details[`old_${setting}`];
    lines.push(words ? words(old, details[key]) : p("settings.otherChanged", { setting }));
  }
  return lines;
}
