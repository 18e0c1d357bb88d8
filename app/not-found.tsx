import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <Link href="/" className="mt-6 inline-block font-medium text-indigo-700 underline">
        Go to your dashboard
      </Link>
    </main>
  );
}
