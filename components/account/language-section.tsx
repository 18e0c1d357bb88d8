import "server-only";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { LANGUAGE_NAMES, LOCALES } from "@/words/locales";
import { LanguageForm } from "./language-form";

/**
 * "Language" on the account pages (docs/rules.md, "Languages"): the browser's language first,
 * then ours, each by its own name. No region label, so "Language" names only the select.
 */
export async function LanguageSection({ language }: { language: string | null }) {
  const t = await getTranslations("account.language");
  const options = [
    ["", t("browser")] as const,
    ...LOCALES.map((locale) => [locale, LANGUAGE_NAMES[locale]] as const),
  ];
  return (
    <Card title={t("heading")}>
      <LanguageForm
        stored={language ?? ""}
        options={options}
        words={{ label: t("label"), save: t("save") }}
      />
    </Card>
  );
}
