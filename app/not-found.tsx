import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/status-page";

export default async function NotFound() {
  const t = await getTranslations("common.status");
  return <StatusPage title={t("notFound")} />;
}
