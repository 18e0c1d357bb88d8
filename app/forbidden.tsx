import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Access denied</h1>
      <p className="mt-2 text-slate-600">Your account cannot open this page.</p>
      <Link href="/" className="mt-6 inline-block font-medium text-indigo-700 underline">
        Go to your dashboard
      </Link>
    </main>
  );
}
