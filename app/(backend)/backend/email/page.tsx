import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { formatDateTime } from "@/lib/format/date-time";
import { deliveryProblem } from "@/lib/email/delivery-health";
import { isEmailConfigured } from "@/lib/email/email-settings";
import { listOutbox, type OutboxEntry } from "@/lib/email/outbox";
import { failureSayer } from "@/words/failure-words";

export async function generateMetadata() {
  const t = await getTranslations("admin.outbox");
  return { title: t("title") };
}

const STATUS_KEYS = { QUEUED: "queued", SENT: "sent", FAILED: "failed" } as const;

type Translate = Awaited<ReturnType<typeof getTranslations<"admin.outbox">>>;

function statusNote(entry: OutboxEntry, t: Translate, locale: string) {
  if (entry.status === "SENT" && entry.sentAt) {
    return t("sentAt", { time: formatDateTime(entry.sentAt, locale) });
  }
  if (entry.status === "QUEUED" && entry.attempts > 0) {
    return t("nextTry", { time: formatDateTime(entry.nextAttemptAt, locale) });
  }
  return null;
}

export default async function OutboxPage() {
  await requireRole("ADMIN");
  const [{ entries, queued }, configured, problem, t, locale, failures] = await Promise.all([
    listOutbox(),
    isEmailConfigured(),
    deliveryProblem(),
    getTranslations("admin.outbox"),
    getLocale(),
    failureSayer(),
  ]);
  const settingsLink = (chunks: React.ReactNode) => (
    <Link href="/backend/settings/email">{chunks}</Link>
  );
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      {configured ? null : (
        <p
          role="status"
          className="max-w-xl rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {t.rich("notConfigured", { link: settingsLink })}
        </p>
      )}
      {configured && problem ? (
        <p
          role="alert"
          className="max-w-xl rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900"
        >
          {t.rich("failing", {
            error: failures.sayStored(problem.lastError).replace(/\.$/, ""),
            link: settingsLink,
          })}
        </p>
      ) : null}
      <p className="text-sm text-slate-600">{t("summary", { count: entries.length, queued })}</p>
      <DataTable
        caption={t("caption")}
        headings={[
          t("queuedAt"),
          t("recipient"),
          t("subject"),
          t("status"),
          t("attempts"),
          t("lastError"),
        ]}
        focusable
      >
        {entries.map((entry) => {
          const note = statusNote(entry, t, locale);
          return (
            <tr key={entry.id} className="border-t border-slate-200 align-top">
              <td className="px-3 py-2 whitespace-nowrap">
                <DateTime date={entry.createdAt} locale={locale} />
              </td>
              <td className="px-3 py-2 break-all">{entry.recipient}</td>
              <td className="px-3 py-2">{entry.subject}</td>
              <td className="px-3 py-2">
                {t(STATUS_KEYS[entry.status])}
                {note ? <span className="block text-xs text-slate-600">{note}</span> : null}
              </td>
              <td className="px-3 py-2">{entry.attempts}</td>
              <td className="max-w-64 px-3 py-2 break-words text-slate-600">
                {entry.lastError ? failures.sayStored(entry.lastError) : "—"}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}
