import { redirect } from "next/navigation";
import { readSession } from "../../../session";
import { AccountForm } from "./account-form";

export const metadata = { title: "Account" };

export default async function AccountPage() {
  const session = await readSession();
  if (session?.stage !== "complete") redirect("/login");
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Account</h1>
      <p className="mt-2">{session.email}</p>
      <AccountForm />
    </main>
  );
}
