// One way to write a moment on every page and in every e-mail: "7 Dec 2026, 19:32 UTC"
// (docs/architecture.md, "Dates"). Pages are rendered on the server, which knows no reader's
// time zone, so every date says it is UTC rather than leaving the reader to guess.

const FORMAT = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** "7 Dec 2026, 19:32 UTC" */
export function formatDateTime(date: Date): string {
  return `${FORMAT.format(date)} UTC`;
}
