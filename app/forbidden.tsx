import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/status-page";

export default async function Forbidden() {
  const t = await getTranslations("common.status");
  return <StatusPage title={t("forbidden")} text={t("forbiddenText")} />;
}
