import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { DataTable } from "@/components/ui/data-table";
import { listUsers } from "@/lib/users/users";
import { ResetTwoFactor, SignOutEverywhere } from "./user-row-actions";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const session = await requireRole("ADMIN");
  const users = await listUsers();
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Users</h1>
        <Link
          href="/backend/users/new"
          className="inline-flex min-h-11 items-center rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800"
        >
          New user
        </Link>
      </div>
      <DataTable
        caption="Admins and customers with their two-factor status"
        headings={[
          "Name",
          "Email",
          "Role",
          "Two-factor",
          <span key="actions" className="sr-only">
            Actions
          </span>,
        ]}
      >
        {users.map((user) => (
          <tr key={user.id} className="border-t border-slate-200">
            <td className="px-3 py-2">{user.name}</td>
            <td className="px-3 py-2 break-all">{user.email}</td>
            <td className="px-3 py-2">{user.role === "ADMIN" ? "Admin" : "Customer"}</td>
            <td className="px-3 py-2">{user.totpEnabledAt ? "Enabled" : "Not set up"}</td>
            <td className="px-3 py-2">
              {user.id === session.user.id ? (
                <span className="text-sm text-slate-600">Your account page</span>
              ) : (
                <div className="flex flex-wrap gap-2">
                  <ResetTwoFactor userId={user.id} email={user.email} />
                  <SignOutEverywhere userId={user.id} email={user.email} />
                </div>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
