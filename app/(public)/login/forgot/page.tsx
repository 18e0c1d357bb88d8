import Link from "next/link";
import { isEmailConfigured } from "@/lib/email/email-settings";
import { failureSayer } from "@/words/failure-words";
import { ForgotForm } from "./forgot-form";

export const metadata = { title: "Forgot your password?" };

export default async function ForgotPasswordPage() {
  const [available, failures] = await Promise.all([isEmailConfigured(), failureSayer()]);
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">Forgot your password?</h1>
      {available ? (
        <>
          <p className="mt-2 text-slate-700">
            Enter the email address of your account and we will send you a link to choose a new
            password.
          </p>
          <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <ForgotForm />
          </div>
        </>
      ) : (
        <p className="mt-4 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-slate-800">
          {failures.say({ code: "reset_unavailable" })}
        </p>
      )}
      <Link href="/login" className="mt-6 inline-block font-medium text-indigo-700 underline">
        Back to sign in
      </Link>
    </main>
  );
}
