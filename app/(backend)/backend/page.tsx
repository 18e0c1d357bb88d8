import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RecoveryCodesLeftNotice } from "@/components/two-factor/recovery-codes-left-notice";
import { requireRole } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings/settings";
import { countAccounts } from "@/lib/users/account-list";

export async function generateMetadata() {
  const t = await getTranslations("admin.home");
  return { title: t("title") };
}

export default async function BackendDashboard({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireRole("ADMIN");
  const [counts, settings, t] = await Promise.all([
    countAccounts(),
    getSettings(),
    getTranslations("admin.home"),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <RecoveryCodesLeftNotice left={(await searchParams).recoveryCodesLeft} />
      <p>{t("welcome", { name: session.user.name })}</p>
      <dl className="grid gap-4 sm:grid-cols-3">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-600">{t("accounts")}</dt>
          <dd className="text-2xl font-semibold">{counts.accounts}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-600">{t("withTwoFactor")}</dt>
          <dd className="text-2xl font-semibold">{counts.protected}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-600">{t("twoFactor")}</dt>
          <dd className="text-2xl font-semibold">
            {settings.twoFactorEnabled ? t("on") : t("off")}
          </dd>
        </div>
      </dl>
      <p>
        <Link href="/backend/users" className="font-medium text-indigo-700 underline">
          {t("manageUsers")}
        </Link>
      </p>
    </>
  );
}
