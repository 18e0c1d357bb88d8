import Link from "next/link";
import { PageAlert } from "@/components/ui/page-alert";
import { failureSayer } from "@/words/failure-words";

/** What a used, expired, unknown or malformed "This wasn't me" link shows, with a 404. */
export default async function InvalidNotMeLink() {
  const failures = await failureSayer();
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">This wasn&apos;t me</h1>
      <PageAlert>{failures.say({ code: "invalid_link" })}</PageAlert>
      <p className="mt-4 text-slate-700">
        If a sign-in to your account was not you, change your password.
      </p>
      <Link
        href="/login/forgot"
        className="mt-6 inline-block font-medium text-indigo-700 underline"
      >
        Change your password
      </Link>
    </main>
  );
}
