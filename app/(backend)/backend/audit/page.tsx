import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { AUDIT_EVENT_TYPES } from "@/lib/audit/audit";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { auditEntryView } from "@/lib/security-log/audit-entry";
import { auditFilterFrom, readAuditLog } from "@/lib/audit/audit-log";
import { auditEventLabel } from "@/lib/security-log/event-labels";
import { requireRole } from "@/lib/auth/session";
import { say, sayLine, type SecurityLogTranslate } from "@/lib/security-log/phrase";

export async function generateMetadata() {
  const t = await getTranslations("admin.audit");
  return { title: t("title") };
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("ADMIN");
  const filter = auditFilterFrom(await searchParams);
  const [{ events, total, pages }, t, log, locale] = await Promise.all([
    readAuditLog(filter),
    getTranslations("admin.audit"),
    getTranslations("securityLog"),
    getLocale(),
  ]);
  // The log's words are keys made in lib/security-log (phrase.ts), so not known to the type-check.
  const logT = log as unknown as SecurityLogTranslate;
  const pageLink = (page: number) => {
    const query = new URLSearchParams();
    if (filter.account) query.set("account", filter.account);
    if (filter.type) query.set("type", filter.type);
    query.set("page", String(page));
    return `/backend/audit?${query}`;
  };
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <form method="get" className="flex flex-wrap items-end gap-3" role="search">
        <div>
          <label htmlFor="audit-account" className="block text-sm font-medium">
            {t("account")}
          </label>
          <input
            id="audit-account"
            name="account"
            defaultValue={filter.account ?? ""}
            maxLength={254}
            className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2"
          />
        </div>
        {/* A select is as wide as its longest option, which German makes wider than a phone. */}
        <div className="max-w-full">
          <label htmlFor="audit-type" className="block text-sm font-medium">
            {t("event")}
          </label>
          <select
            id="audit-type"
            name="type"
            defaultValue={filter.type ?? ""}
            className="mt-1 max-w-full rounded-md border border-slate-300 bg-white px-3 py-2"
          >
            <option value="">{t("allEvents")}</option>
            {AUDIT_EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {say(logT, auditEventLabel(type))}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="min-h-11 rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white"
        >
          {t("filter")}
        </button>
      </form>
      <p className="text-sm text-slate-600">{t("summary", { total, shown: String(total) })}</p>
      <DataTable
        caption={t("caption")}
        headings={[
          t("when"),
          t("who"),
          t("event"),
          t("clientAddress"),
          t("userAgent"),
          t("details"),
        ]}
      >
        {events.map((event) => {
          const entry = auditEntryView(event, locale);
          const details = entry.details.map((line) => sayLine(logT, line));
          return (
            <tr key={event.id} className="border-t border-slate-200 align-top">
              <td className="px-3 py-2 whitespace-nowrap">
                <DateTime date={event.createdAt} locale={locale} />
              </td>
              <td className="px-3 py-2 break-all">
                <span className="block">{say(logT, entry.who)}</span>
                {entry.by ? (
                  <span className="block text-slate-600">{say(logT, entry.by)}</span>
                ) : null}
              </td>
              <td className="px-3 py-2">{say(logT, entry.event)}</td>
              <td className="px-3 py-2">{event.clientAddress ?? "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-600">
                <span title={entry.userAgent ?? undefined}>{say(logT, entry.browser)}</span>
              </td>
              <td className="px-3 py-2">
                {details.map((line) => (
                  <span key={line} className="block">
                    {line}
                  </span>
                ))}
              </td>
            </tr>
          );
        })}
      </DataTable>
      {pages > 1 ? (
        <nav aria-label={t("pages")} className="flex gap-4 text-sm">
          {filter.page > 1 ? (
            <Link href={pageLink(filter.page - 1)}>{t("previousPage")}</Link>
          ) : null}
          <span>{t("pageOf", { page: filter.page, pages })}</span>
          {filter.page < pages ? (
            <Link href={pageLink(filter.page + 1)}>{t("nextPage")}</Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
