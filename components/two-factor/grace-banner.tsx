import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { CurrentSession } from "@/lib/auth/session";
import { graceDaysLeft, passkeyGraceDaysLeft, passkeyPolicyApplies } from "@/lib/auth/stage";
import { db } from "@/lib/db/client";
import { hasPasskey } from "@/lib/two-factor/passkeys";
import type { InstanceSettings } from "@/lib/settings/settings";

/**
 * During the grace period, every page counts down to the day 2FA (docs/rules.md, rule 8) or a
 * passkey (rule 34) becomes required.
 */
export async function GraceBanner({
  session,
  settings,
}: {
  session: CurrentSession;
  settings: InstanceSettings;
}) {
  const shown = await graceCountdown(session, settings, new Date());
  if (!shown) return null;
  const accountPage = session.user.role === "ADMIN" ? "/backend/account" : "/customer/account";
  const t = await getTranslations("common.graceBanner");
  return (
    <Banner>
      {t.rich(shown.key, {
        days: shown.days,
        link: (chunks) => (
          <Link href={accountPage} className="font-semibold underline">
            {chunks}
          </Link>
        ),
      })}
    </Banner>
  );
}

/** The countdown the banner shows, if any: the passkey's first, then two-factor's. */
export async function graceCountdown(
  session: CurrentSession,
  settings: InstanceSettings,
  now: Date,
): Promise<{ key: "passkey" | "twoFactor"; days: number } | null> {
  // A passkey can only take a countdown away: without one to count, most pages need no query.
  let days = graceDaysLeft(session.user, settings, now);
  if (days !== null && settings.allowPasskeys && (await hasPasskey(session.user.id))) {
    days = graceDaysLeft({ ...session.user, hasPasskey: true }, settings, now);
  }
  const passkeyDays = await passkeyDaysLeft(session, settings, now);
  if (passkeyDays !== null && passkeyDays > 0) return { key: "passkey", days: passkeyDays };
  return days !== null && days > 0 ? { key: "twoFactor", days } : null;
}

/** Only when "Require a passkey for" covers the account is its passkey state read. */
async function passkeyDaysLeft(session: CurrentSession, settings: InstanceSettings, now: Date) {
  if (!passkeyPolicyApplies(session.user, settings)) return null;
  const user = await db.user.findUnique({
    where: { id: session.user.id },
    select: { passkeyRequiredAt: true, _count: { select: { passkeys: true } } },
  });
  if (!user) return null;
  const account = { ...session.user, ...user, hasPasskey: user._count.passkeys > 0 };
  return passkeyGraceDaysLeft(account, settings, now);
}

function Banner({ children }: { children: React.ReactNode }) {
  return (
    <div role="status" className="border-b border-amber-300 bg-amber-50">
      <p className="mx-auto max-w-5xl px-4 py-2 text-sm text-amber-900">{children}</p>
    </div>
  );
}
