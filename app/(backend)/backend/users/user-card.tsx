import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { DateTime } from "@/components/ui/date-time";
import { EmailAddress } from "@/components/ui/email-address";
import { hasSecondFactor } from "@/lib/users/reset-scope";
import type { ListedAccount } from "@/lib/users/account-list";
import { UserRowActions } from "./user-row-actions";

type ListedUser = ListedAccount;

/**
 * One account of the users list: a card that stacks on a phone and lays out as a row on a wider
 * screen, so its buttons are never off-screen (docs/rules.md, rule 16). The name's column keeps
 * 12rem: an open confirmation's question would otherwise widen the buttons' column until the name
 * and address wrapped a letter a line under it (axe could not tell their contrast).
 */
export async function UserCard({ user, own }: { user: ListedUser; own: boolean }) {
  const [t, actions, locale] = await Promise.all([
    getTranslations("admin.users.card"),
    getTranslations("admin.users.actions"),
    getLocale(),
  ]);
  const { email } = user;
  // Whose account the row's buttons act on: their accessible description (their names are the
  // contract's, the same on every row).
  const nameId = `user-${user.id}-name`;
  const emailId = `user-${user.id}-email`;
  const whose = `${nameId} ${emailId}`;
  return (
    <div
      role="row"
      className="grid gap-3 px-4 py-3 sm:grid-cols-[minmax(12rem,1fr)_auto] sm:items-center"
    >
      <div role="cell" className="min-w-0 space-y-1">
        <p id={nameId} className="font-medium">
          {user.name}
        </p>
        <p id={emailId} className="text-sm text-slate-700">
          <EmailAddress email={user.email} />
        </p>
        <dl className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <div className="flex gap-1">
            <dt className="text-slate-600">{t("role")}</dt>
            <dd>{user.role === "ADMIN" ? t("admin") : t("customer")}</dd>
          </div>
          <div className="flex gap-1">
            <dt className="text-slate-600">{t("twoFactor")}</dt>
            {/* Any second factor, an authenticator app or a passkey, as the policy counts it. */}
            <dd>{user.totpEnabledAt || user._count.passkeys > 0 ? t("enabled") : t("notSetUp")}</dd>
          </div>
          <div className="flex gap-1">
            <dt className="text-slate-600">{t("passkeys")}</dt>
            <dd>{user._count.passkeys}</dd>
          </div>
          <div className="flex gap-1">
            <dt className="text-slate-600">{t("lastSignIn")}</dt>
            <dd>
              {user.lastSignInAt ? (
                <DateTime date={user.lastSignInAt} locale={locale} />
              ) : (
                t("never")
              )}
            </dd>
          </div>
          {user.deactivatedAt && (
            <div className="flex gap-1">
              <dt className="text-slate-600">{t("status")}</dt>
              <dd>{t("deactivated")}</dd>
            </div>
          )}
        </dl>
      </div>
      <div role="cell" className="flex min-w-0 flex-wrap items-center gap-2">
        <Link
          href={`/backend/users/${user.id}`}
          className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
        >
          {t("edit")}
        </Link>
        {own ? (
          <p className="text-sm text-slate-600">{t("ownAccount")}</p>
        ) : (
          <UserRowActions
            userId={user.id}
            describedBy={whose}
            resettable={hasSecondFactor({ totpEnabledAt: user.totpEnabledAt, ...user._count })}
            words={{
              cancel: actions("cancel"),
              noSecondFactor: actions("noSecondFactor"),
              resetTwoFactor: actions("resetTwoFactor"),
              resetQuestion: actions("resetQuestion", { email }),
              signOutEverywhere: actions("signOutEverywhere"),
              signOutQuestion: actions("signOutQuestion", { email }),
              issueRecoveryCode: actions("issueRecoveryCode"),
              issueQuestion: actions("issueQuestion", { email }),
            }}
          />
        )}
      </div>
    </div>
  );
}
