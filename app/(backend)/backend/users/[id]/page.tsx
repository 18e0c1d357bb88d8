import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { findEditableAccount } from "@/lib/users/edit-account";
import { AccountStatus } from "./account-status";
import { EditUserForm } from "./edit-user-form";

export const metadata = { title: "Edit user" };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("ADMIN");
  const { id } = await params;
  const account = /^[a-z0-9]{1,64}$/.test(id) ? await findEditableAccount(id) : null;
  if (!account) notFound();
  const { name, email, role } = account;
  return (
    <>
      <p>
        <Link href="/backend/users" className="text-sm underline">
          Back to users
        </Link>
      </p>
      <h1 className="text-2xl font-semibold break-words">Edit {account.email}</h1>
      <div className="max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <EditUserForm stored={{ userId: id, name, email, role }} />
      </div>
      <section
        aria-labelledby="account-status"
        className="max-w-md space-y-3 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      >
        <h2 id="account-status" className="text-lg font-semibold">
          Status: {account.deactivatedAt ? "Deactivated" : "Active"}
        </h2>
        <AccountStatus userId={id} email={email} deactivated={account.deactivatedAt !== null} />
      </section>
    </>
  );
}
