import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { readSettingsForEditing, twoFactorSettingsValues } from "@/lib/settings/settings";
import { wordsFor } from "@/words/words-for";
import { TwoFactorSettingsForm } from "./settings-form";

const WORDS = [
  "companyName",
  "companyNameHint",
  "enable",
  "enableHint",
  "requireTwoFactor",
  "nobody",
  "admins",
  "everyone",
  "gracePeriod",
  "gracePeriodHint",
  "trustBrowsers",
  "trustBrowsersHint",
  "allowPasskeys",
  "allowPasskeysHint",
  "requirePasskey",
] as const;

export async function generateMetadata() {
  const t = await getTranslations("admin.twoFactorSettings");
  return { title: t("title") };
}

export default async function TwoFactorSettingsPage() {
  await requireRole("ADMIN");
  const [{ settings, version }, t, save] = await Promise.all([
    readSettingsForEditing(),
    getTranslations("admin.twoFactorSettings"),
    getTranslations("admin.settings"),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <p className="max-w-xl text-slate-700">{t("intro")}</p>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <TwoFactorSettingsForm
          stored={twoFactorSettingsValues(settings, version)}
          words={{ ...wordsFor(t, WORDS), save: save("save") }}
        />
      </div>
    </>
  );
}
