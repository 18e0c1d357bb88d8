import Link from "next/link";
import type { CurrentSession } from "@/lib/auth/session";
import { graceDaysLeft } from "@/lib/auth/stage";
import { hasPasskey } from "@/lib/two-factor/passkeys";
import type { InstanceSettings } from "@/lib/settings/settings";

/** During the grace period, every page counts down to the day 2FA becomes required. */
export async function GraceBanner({
  session,
  settings,
}: {
  session: CurrentSession;
  settings: InstanceSettings;
}) {
  const now = new Date();
  // A passkey can only take a countdown away: without one to count, most pages need no query.
  let days = graceDaysLeft(session.user, settings, now);
  if (days !== null && settings.allowPasskeys && (await hasPasskey(session.user.id))) {
    days = graceDaysLeft({ ...session.user, hasPasskey: true }, settings, now);
  }
  if (days === null || days <= 0) return null;
  const accountPage = session.user.role === "ADMIN" ? "/backend/account" : "/customer/account";
  return (
    <div role="status" className="border-b border-amber-300 bg-amber-50">
      <p className="mx-auto max-w-5xl px-4 py-2 text-sm text-amber-900">
        Two-factor authentication is required for your account. Set it up within {days} day
        {days === 1 ? "" : "s"}, or you will have to do it at your next sign-in.{" "}
        <Link href={accountPage} className="font-semibold underline">
          Set up two-factor authentication now
        </Link>
      </p>
    </div>
  );
}
