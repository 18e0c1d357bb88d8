import { redirect } from "next/navigation";
import { readSession } from "../../../session";
import { VerifyForm } from "./verify-form";

export const metadata = { title: "Two-step verification" };

export default async function VerifyPage() {
  const session = await readSession();
  if (session?.stage !== "pending") redirect("/login");
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">Two-step verification</h1>
      <p className="mt-2 text-slate-700">
        Enter the 6-digit code from your authenticator app for {session.email}.
      </p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <VerifyForm />
      </div>
    </main>
  );
}
