import { getTranslations } from "next-intl/server";
import { PageAlert } from "@/components/ui/page-alert";
import { failureSayer } from "@/words/failure-words";
import { NotMeAnswer } from "./answer";

/** What a used, expired, unknown or malformed "This wasn't me" link shows, with a 404. */
export default async function InvalidNotMeLink() {
  const [t, sayer] = await Promise.all([getTranslations("login.notMe"), failureSayer()]);
  return (
    <NotMeAnswer heading={t("heading")}>
      <PageAlert>{sayer.say({ code: "invalid_link" })}</PageAlert>
      <p className="mt-4 text-slate-700">{t("notYou")}</p>
    </NotMeAnswer>
  );
}
