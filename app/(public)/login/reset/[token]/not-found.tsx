import Link from "next/link";
import { PageAlert } from "@/components/ui/page-alert";
import { failureSayer } from "@/words/failure-words";

/** What a wrong, used or expired reset link shows, with a 404 (docs/rules.md, rule 21). */
export default async function InvalidResetLink() {
  const failures = await failureSayer();
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">Choose a new password</h1>
      <PageAlert>{failures.say({ code: "invalid_link" })}</PageAlert>
      <Link
        href="/login/forgot"
        className="mt-6 inline-block font-medium text-indigo-700 underline"
      >
        Ask for a new link
      </Link>
    </main>
  );
}
