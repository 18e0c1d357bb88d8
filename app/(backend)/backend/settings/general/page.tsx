import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { generalSettingsValues, readSettingsForEditing } from "@/lib/settings/settings";
import { LANGUAGE_NAMES, LOCALES } from "@/words/locales";
import { GeneralSettingsForm } from "./general-settings-form";

export async function generateMetadata() {
  const t = await getTranslations("admin.generalSettings");
  return { title: t("title") };
}

/** /backend/settings/general: the instance's "Default language" (docs/rules.md, "Languages"). */
export default async function GeneralSettingsPage() {
  await requireRole("ADMIN");
  const [{ settings, version }, t, save] = await Promise.all([
    readSettingsForEditing(),
    getTranslations("admin.generalSettings"),
    getTranslations("admin.settings"),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <p className="max-w-xl text-slate-700">{t("intro")}</p>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <GeneralSettingsForm
          stored={generalSettingsValues(settings, version)}
          languages={LOCALES.map(
            // Each language by its own name, the same in every language: a message only so that
            // the pseudo-locale marks it as said through the catalogue.
            (locale) => [locale, t("languageName", { name: LANGUAGE_NAMES[locale] })] as const,
          )}
          words={{
            defaultLanguage: t("defaultLanguage"),
            defaultLanguageHint: t("defaultLanguageHint"),
            save: save("save"),
          }}
        />
      </div>
    </>
  );
}
