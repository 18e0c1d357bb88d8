import { accountFieldWords } from "@/components/account/account-field-words";
import { requireRole } from "@/lib/auth/session";
import { NewUserForm } from "./new-user-form";

export const metadata = { title: "New user" };

export default async function NewUserPage() {
  await requireRole("ADMIN");
  return (
    <>
      <h1 className="text-2xl font-semibold">New user</h1>
      <div className="max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <NewUserForm fieldWords={await accountFieldWords()} />
      </div>
    </>
  );
}
