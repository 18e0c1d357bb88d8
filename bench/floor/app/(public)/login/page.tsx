import { redirect } from "next/navigation";
import { readSession } from "../../session";
import { LoginForm } from "./login-form";

export const metadata = { title: "Sign in" };

export default async function LoginPage() {
  if ((await readSession())?.stage === "complete") redirect("/customer");
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <p className="text-sm font-medium text-slate-600">Floor</p>
      <h1 className="mt-1 text-2xl font-semibold">Sign in</h1>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <LoginForm />
      </div>
    </main>
  );
}
