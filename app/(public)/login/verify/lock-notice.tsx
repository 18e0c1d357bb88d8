"use client";

import { useEffect, useState } from "react";
import { PageAlert } from "@/components/ui/page-alert";
import { fillIn, lockEnd } from "@/lib/two-factor/lock-end";

/** The lock sentence's two forms as the catalogue holds them, with `{when}` and `{day}` to fill. */
export type LockNoticeWords = { locale: string; until: string; untilDay: string };

/**
 * The lock of the second step (docs/rules.md, rules 4 and 31): how long, and until when. The page
 * writes the time in UTC; the browser rewrites it in the person's own time zone.
 */
export function LockNotice({
  notice,
  lockedUntil,
  words,
}: {
  notice: string;
  lockedUntil: string;
  words: LockNoticeWords;
}) {
  const [timeZone, setTimeZone] = useState<string | undefined>(undefined);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- known only in the browser
    setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  }, []);
  const { when, day } = lockEnd(new Date(lockedUntil), new Date(), words.locale, timeZone);
  return (
    <PageAlert>
      {notice}{" "}
      <time dateTime={lockedUntil}>
        {day ? fillIn(words.untilDay, { when, day }) : fillIn(words.until, { when })}
      </time>
    </PageAlert>
  );
}
