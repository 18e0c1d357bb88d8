import Link from "next/link";
import { INVALID_LINK } from "@/lib/password-reset/tokens";

export default function InvalidResetLink() {
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">Choose a new password</h1>
      <p
        role="alert"
        className="mt-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800"
      >
        {INVALID_LINK}
      </p>
      <Link
        href="/login/forgot"
        className="mt-6 inline-block font-medium text-indigo-700 underline"
      >
        Ask for a new link
      </Link>
    </main>
  );
}
