import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requestContext } from "@/lib/http/request-context";
import { endSignInByNotMeLink } from "@/lib/sign-in/not-me";

export async function generateMetadata() {
  return { title: (await getTranslations("login.notMe"))("title") };
}

/**
 * The "This wasn't me" link of a new-browser notice: opening it ends that sign-in (docs/rules.md,
 * rule 35, says why opening is enough, with no button to press). A used, expired, unknown or
 * malformed link answers 404 with not-found.tsx beside this page, all four alike.
 */
export default async function NotMePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const ended = await endSignInByNotMeLink(token, await requestContext());
  if (!ended) notFound();
  const t = await getTranslations("login.notMe");
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">{t("ended")}</h1>
      <p className="mt-2 text-slate-700">{t("endedText")}</p>
      <Link
        href="/login/forgot"
        className="mt-6 inline-block font-medium text-indigo-700 underline"
      >
        {t("changePassword")}
      </Link>
    </main>
  );
}
