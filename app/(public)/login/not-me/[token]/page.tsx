import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requestContext } from "@/lib/http/request-context";
import { endSignInByNotMeLink } from "@/lib/sign-in/not-me";
import { NotMeAnswer } from "./answer";

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
    <NotMeAnswer heading={t("ended")}>
      <p className="mt-2 text-slate-700">{t("endedText")}</p>
    </NotMeAnswer>
  );
}
