import { formatDateTime } from "@/lib/format/date-time";

/** A moment as every page writes it, machine-readable in `dateTime`. */
export function DateTime({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{formatDateTime(date)}</time>;
}
