// When a locked second step can be used again (docs/rules.md, rule 31), as the pieces the page's
// sentence takes ("Verification is locked until {when}." or "… {when} on {day}.", the `login`
// catalogue). No server-only: the page writes the time in UTC, and the browser rewrites it in the
// person's own time zone.

/** English writes the day as "2 Jan 2030" and the time on the 24-hour clock, as before. */
const intlLocale = (locale: string) => (locale === "en" || locale === "en-XA" ? "en-GB" : locale);

/**
 * `when`: the time ("17:32 UTC", or "13:15 CET" in the browser's zone); `day`: the date, only when
 * the lock ends on another day than `now`.
 */
export function lockEnd(
  lockedUntil: Date,
  now: Date,
  locale: string,
  timeZone?: string,
): { when: string; day: string | null } {
  const zone = timeZone ?? "UTC";
  const language = intlLocale(locale);
  const day = (at: Date) =>
    new Intl.DateTimeFormat(language, { timeZone: zone, dateStyle: "medium" }).format(at);
  const time = new Intl.DateTimeFormat(language, {
    timeZone: zone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: timeZone ? "short" : undefined,
  }).format(lockedUntil);
  const when = `${time}${timeZone ? "" : " UTC"}`;
  return { when, day: day(lockedUntil) === day(now) ? null : day(lockedUntil) };
}

/** A sentence's `{name}` places filled in (a message without plurals, read raw on the server). */
export function fillIn(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
