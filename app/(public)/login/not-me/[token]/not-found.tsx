import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageAlert } from "@/components/ui/page-alert";
import { failureSayer } from "@/words/failure-words";

/** What a used, expired, unknown or malformed "This wasn't me" link shows, with a 404. */
export default async function InvalidNotMeLink() {
  const [t, sayer] = await Promise.all([getTranslations("login.notMe"), failureSayer()]);
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <PageAlert>{sayer.say({ code: "invalid_link" })}</PageAlert>
      <p className="mt-4 text-slate-700">{t("notYou")}</p>
      <Link
        href="/login/forgot"
        className="mt-6 inline-block font-medium text-indigo-700 underline"
      >
        {t("changePassword")}
      </Link>
    </main>
  );
}
