"use client";

import { useEffect, useState } from "react";
import { PageAlert } from "@/components/ui/page-alert";
import { formatLockEnd } from "@/lib/two-factor/lock-end";

/**
 * The lock of the second step (docs/rules.md, rules 4 and 31): how long, and until when. The page
 * writes the time in UTC; the browser rewrites it in the person's own time zone.
 */
export function LockNotice({ notice, lockedUntil }: { notice: string; lockedUntil: string }) {
  const until = new Date(lockedUntil);
  const [timeZone, setTimeZone] = useState<string | undefined>(undefined);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- known only in the browser
    setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  }, []);
  return (
    <PageAlert>
      {notice} <time dateTime={lockedUntil}>{formatLockEnd(until, new Date(), timeZone)}</time>
    </PageAlert>
  );
}
