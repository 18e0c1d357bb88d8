import Link from "next/link";
import { RecoveryCodesLeftNotice } from "@/components/two-factor/recovery-codes-left-notice";
import { requireRole } from "@/lib/auth/session";

export const metadata = { title: "Dashboard" };

export default async function CustomerDashboard({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireRole("CUSTOMER");
  return (
    <>
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <RecoveryCodesLeftNotice left={(await searchParams).recoveryCodesLeft} />
      <p>Welcome, {session.user.name}.</p>
      <p>
        <Link href="/customer/account" className="font-medium text-indigo-700 underline">
          Your account and security
        </Link>
      </p>
    </>
  );
}
