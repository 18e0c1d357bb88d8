import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { formatDateTime } from "@/lib/format/date-time";
import { deliveryProblem } from "@/lib/email/delivery-health";
import { isEmailConfigured } from "@/lib/email/email-settings";
import { listOutbox, type OutboxEntry } from "@/lib/email/outbox";
import { failureSayer } from "@/words/failure-words";

export const metadata = { title: "Outbox" };

const STATUS_LABELS = { QUEUED: "Queued", SENT: "Sent", FAILED: "Failed" } as const;

function statusNote(entry: OutboxEntry) {
  if (entry.status === "SENT" && entry.sentAt) return `at ${formatDateTime(entry.sentAt)}`;
  if (entry.status === "QUEUED" && entry.attempts > 0) {
    return `next try ${formatDateTime(entry.nextAttemptAt)}`;
  }
  return null;
}

export default async function OutboxPage() {
  await requireRole("ADMIN");
  const [{ entries, queued }, configured, problem, failures] = await Promise.all([
    listOutbox(),
    isEmailConfigured(),
    deliveryProblem(),
    failureSayer(),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Outbox</h1>
      {configured ? null : (
        <p
          role="status"
          className="max-w-xl rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          E-mail is not configured, so messages stay queued: save an SMTP host and a from address in{" "}
          <Link href="/backend/settings/email">E-mail settings</Link>, and they go out.
        </p>
      )}
      {configured && problem ? (
        <p
          role="alert"
          className="max-w-xl rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900"
        >
          Delivery is failing: {failures.sayStored(problem.lastError).replace(/\.$/, "")}. Check the{" "}
          <Link href="/backend/settings/email">e-mail settings</Link>.
        </p>
      ) : null}
      <p className="text-sm text-slate-600">
        The newest {entries.length} message{entries.length === 1 ? "" : "s"}, {queued} queued.
        Messages are kept without their text here. Times in UTC.
      </p>
      <DataTable
        caption="Outgoing messages, newest first"
        headings={["Queued at", "Recipient", "Subject", "Status", "Attempts", "Last error"]}
        focusable
      >
        {entries.map((entry) => (
          <tr key={entry.id} className="border-t border-slate-200 align-top">
            <td className="px-3 py-2 whitespace-nowrap">
              <DateTime date={entry.createdAt} />
            </td>
            <td className="px-3 py-2 break-all">{entry.recipient}</td>
            <td className="px-3 py-2">{entry.subject}</td>
            <td className="px-3 py-2">
              {STATUS_LABELS[entry.status]}
              {statusNote(entry) ? (
                <span className="block text-xs text-slate-600">{statusNote(entry)}</span>
              ) : null}
            </td>
            <td className="px-3 py-2">{entry.attempts}</td>
            <td className="max-w-64 px-3 py-2 break-words text-slate-600">
              {entry.lastError ? failures.sayStored(entry.lastError) : "—"}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
