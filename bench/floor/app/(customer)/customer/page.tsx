import Link from "next/link";
import { redirect } from "next/navigation";
import { readSession } from "../../session";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const session = await readSession();
  if (session?.stage !== "complete") redirect("/login");
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <p className="mt-2">Welcome, {session.email}</p>
      <Link href="/customer/account">Account</Link>
    </main>
  );
}
