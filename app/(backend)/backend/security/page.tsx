import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { protectionHistory } from "@/lib/security-overview/history";
import { lockedOutAccounts } from "@/lib/security-overview/locked-out";
import { protectionByRole } from "@/lib/security-overview/protection-counts";
import { LOCKED_OUT_HEADING, LockedOutList } from "./locked-out-list";
import { ProtectionChart } from "./protection-chart";
import { ProtectionTable } from "./protection-table";

export async function generateMetadata() {
  const t = await getTranslations("admin.security");
  return { title: t("title") };
}

export default async function SecurityOverviewPage() {
  await requireRole("ADMIN");
  const now = new Date();
  const [counts, lockedOut, t] = await Promise.all([
    protectionByRole(),
    lockedOutAccounts(now),
    getTranslations("admin.security"),
  ]);
  const history = await protectionHistory(counts, now);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <ProtectionTable counts={counts} />
      <section aria-labelledby="history-heading" className="space-y-2">
        <h2 id="history-heading" className="text-lg font-semibold">
          {t("history")}
        </h2>
        <ProtectionChart history={history} />
      </section>
      <section aria-labelledby={LOCKED_OUT_HEADING} className="space-y-2">
        <h2 id={LOCKED_OUT_HEADING} tabIndex={-1} className="text-lg font-semibold">
          {t("lockedOut")}
        </h2>
        <LockedOutList accounts={lockedOut} />
      </section>
      <section aria-labelledby="accounts-heading" className="space-y-2">
        <h2 id="accounts-heading" className="text-lg font-semibold">
          {t("everyAccount")}
        </h2>
        <p className="text-sm text-slate-700">{t("csvIntro")}</p>
        <a
          href="/backend/security/accounts.csv"
          download
          className="inline-flex min-h-11 items-center font-medium text-indigo-700 underline"
        >
          {t("downloadCsv")}
        </a>
      </section>
    </>
  );
}
