import { redirect } from "next/navigation";
import { accountFieldWords } from "@/components/account/account-field-words";
import { adminExists } from "@/lib/users/users";
import { SetupForm } from "./setup-form";

export const metadata = { title: "Set up AppMail" };

export default async function SetupPage() {
  // First run only: once an admin exists this page is closed for good.
  if (await adminExists()) redirect("/login");
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">Set up AppMail</h1>
      <p className="mt-2 text-slate-600">Create the first admin account for this instance.</p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <SetupForm fieldWords={await accountFieldWords()} />
      </div>
    </main>
  );
}
