import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageAlert } from "@/components/ui/page-alert";
import { failureSayer } from "@/words/failure-words";

/** What a wrong, used or expired reset link shows, with a 404 (docs/rules.md, rule 21). */
export default async function InvalidResetLink() {
  const [t, sayer] = await Promise.all([getTranslations("login.reset"), failureSayer()]);
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <PageAlert>{sayer.say({ code: "invalid_link" })}</PageAlert>
      <Link
        href="/login/forgot"
        className="mt-6 inline-block font-medium text-indigo-700 underline"
      >
        {t("newLink")}
      </Link>
    </main>
  );
}
