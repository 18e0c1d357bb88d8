import { formatDateTime } from "@/lib/format/date-time";

/** A moment as every page writes it, in the page's language, machine-readable in `dateTime`. */
export function DateTime({ date, locale = "en" }: { date: Date; locale?: string }) {
  return <time dateTime={date.toISOString()}>{formatDateTime(date, locale)}</time>;
}
