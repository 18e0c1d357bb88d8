// When a locked second step can be used again, in words (docs/rules.md, rule 31). No server-only:
// the page writes it in UTC, and the browser rewrites it in the person's own time zone.

/** "Verification is locked until 17:32 UTC." (with the date when the lock ends another day). */
export function formatLockEnd(lockedUntil: Date, now: Date, timeZone?: string): string {
  const zone = timeZone ?? "UTC";
  const day = (at: Date) =>
    new Intl.DateTimeFormat("en-GB", { timeZone: zone, dateStyle: "medium" }).format(at);
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: timeZone ? "short" : undefined,
  }).format(lockedUntil);
  const when = `${time}${timeZone ? "" : " UTC"}`;
  const sameDay = day(lockedUntil) === day(now);
  return `Verification is locked until ${sameDay ? when : `${when} on ${day(lockedUntil)}`}.`;
}
