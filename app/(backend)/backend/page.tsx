import Link from "next/link";
import { RecoveryCodesLeftNotice } from "@/components/two-factor/recovery-codes-left-notice";
import { requireRole } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings/settings";
import { countAccounts } from "@/lib/users/account-list";

export const metadata = { title: "Backend" };

export default async function BackendDashboard({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireRole("ADMIN");
  const [counts, settings] = await Promise.all([countAccounts(), getSettings()]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Backend</h1>
      <RecoveryCodesLeftNotice left={(await searchParams).recoveryCodesLeft} />
      <p>Welcome, {session.user.name}.</p>
      <dl className="grid gap-4 sm:grid-cols-3">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-600">Accounts</dt>
          <dd className="text-2xl font-semibold">{counts.accounts}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-600">With two-factor authentication</dt>
          <dd className="text-2xl font-semibold">{counts.protected}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-600">Two-factor authentication</dt>
          <dd className="text-2xl font-semibold">{settings.twoFactorEnabled ? "On" : "Off"}</dd>
        </div>
      </dl>
      <p>
        <Link href="/backend/users" className="font-medium text-indigo-700 underline">
          Manage users
        </Link>
      </p>
    </>
  );
}
