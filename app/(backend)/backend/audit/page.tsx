import Link from "next/link";
import { AUDIT_EVENT_TYPES } from "@/lib/audit/audit";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { auditEntryView } from "@/lib/security-log/audit-entry";
import { auditFilterFrom, readAuditLog } from "@/lib/audit/audit-log";
import { auditEventLabel } from "@/lib/security-log/event-labels";
import { requireRole } from "@/lib/auth/session";

export const metadata = { title: "Security log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("ADMIN");
  const filter = auditFilterFrom(await searchParams);
  const { events, total, pages } = await readAuditLog(filter);
  const pageLink = (page: number) => {
    const query = new URLSearchParams();
    if (filter.account) query.set("account", filter.account);
    if (filter.type) query.set("type", filter.type);
    query.set("page", String(page));
    return `/backend/audit?${query}`;
  };
  return (
    <>
      <h1 className="text-2xl font-semibold">Security log</h1>
      <form method="get" className="flex flex-wrap items-end gap-3" role="search">
        <div>
          <label htmlFor="audit-account" className="block text-sm font-medium">
            Account
          </label>
          <input
            id="audit-account"
            name="account"
            defaultValue={filter.account ?? ""}
            maxLength={254}
            className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2"
          />
        </div>
        <div>
          <label htmlFor="audit-type" className="block text-sm font-medium">
            Event
          </label>
          <select
            id="audit-type"
            name="type"
            defaultValue={filter.type ?? ""}
            className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2"
          >
            <option value="">All events</option>
            {AUDIT_EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {auditEventLabel(type)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="min-h-11 rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white"
        >
          Filter
        </button>
      </form>
      <p className="text-sm text-slate-600">
        {total} event{total === 1 ? "" : "s"}, newest first. Times in UTC.
      </p>
      <DataTable
        caption="Security events, newest first"
        headings={["When", "Who", "Event", "Client address", "User agent", "Details"]}
      >
        {events.map((event) => {
          const entry = auditEntryView(event);
          return (
            <tr key={event.id} className="border-t border-slate-200 align-top">
              <td className="px-3 py-2 whitespace-nowrap">
                <DateTime date={event.createdAt} />
              </td>
              <td className="px-3 py-2 break-all">
                <span className="block">{entry.who}</span>
                {entry.by ? <span className="block text-slate-600">{entry.by}</span> : null}
              </td>
              <td className="px-3 py-2">{entry.event}</td>
              <td className="px-3 py-2">{event.clientAddress ?? "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-600">
                <span title={entry.userAgent ?? undefined}>{entry.browser}</span>
              </td>
              <td className="px-3 py-2">
                {entry.details.map((line) => (
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
        <nav aria-label="Pages" className="flex gap-4 text-sm">
          {filter.page > 1 ? <Link href={pageLink(filter.page - 1)}>Previous page</Link> : null}
          <span>
            Page {filter.page} of {pages}
          </span>
          {filter.page < pages ? <Link href={pageLink(filter.page + 1)}>Next page</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
