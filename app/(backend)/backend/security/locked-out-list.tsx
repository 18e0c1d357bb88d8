import { getLocale, getTranslations } from "next-intl/server";
import { DateTime } from "@/components/ui/date-time";
import type { LockedOutAccount } from "@/lib/security-overview/locked-out";
import { ConfirmedAccountAction } from "@/components/ui/confirmed-account-action";
import { unlockAccountAction } from "./actions";

/** The id of the page's "Locked out" heading, which takes focus when an account is unlocked. */
export const LOCKED_OUT_HEADING = "locked-out-heading";

/** "Locked out": each account with when its lock ends and "Unlock <email>". */
export async function LockedOutList({ accounts }: { accounts: LockedOutAccount[] }) {
  const [t, locale] = await Promise.all([getTranslations("admin.security"), getLocale()]);
  if (accounts.length === 0) return <p className="text-sm text-slate-700">{t("nobodyLocked")}</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {accounts.map((account) => (
        <li key={account.id} className="space-y-2 px-3 py-3">
          <p className="text-sm break-all">
            <span className="font-medium">{account.email}</span>{" "}
            <span className="text-slate-600">({account.name})</span>
          </p>
          <p className="text-sm text-slate-700">
            {t.rich("lockedUntil", {
              what:
                account.secondStep && account.password
                  ? "both"
                  : account.secondStep
                    ? "secondStep"
                    : "password",
              time: () => <DateTime date={account.until} locale={locale} />,
            })}
          </p>
          <ConfirmedAccountAction
            userId={account.id}
            label={t("unlock", { email: account.email })}
            question={t("unlockQuestion", { email: account.email })}
            cancel={t("cancel")}
            focusAfterSuccess={LOCKED_OUT_HEADING}
            action={unlockAccountAction}
          />
        </li>
      ))}
    </ul>
  );
}
