import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { accountFieldWords } from "@/components/account/account-field-words";
import { adminExists } from "@/lib/users/users";
import { SetupForm } from "./setup-form";

export async function generateMetadata() {
  return { title: (await getTranslations("login.setup"))("title") };
}

export default async function SetupPage() {
  // First run only: once an admin exists this page is closed for good.
  if (await adminExists()) redirect("/login");
  const t = await getTranslations("login.setup");
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <p className="mt-2 text-slate-600">{t("intro")}</p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <SetupForm submit={t("submit")} fieldWords={await accountFieldWords()} />
      </div>
    </main>
  );
}
