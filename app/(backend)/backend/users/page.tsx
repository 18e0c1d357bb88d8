import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/users";
import { UserCard } from "./user-card";

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
      {/* Cards, not a table: on a phone a table's last columns, the buttons, were off-screen. */}
      <ul
        aria-label="Admins and customers with their two-factor status"
        className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
      >
        {users.map((user) => (
          <UserCard key={user.id} user={user} own={user.id === session.user.id} />
        ))}
      </ul>
    </>
  );
}
