import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { isEmailConfigured } from "@/lib/email/email-settings";
import { failureSayer } from "@/words/failure-words";
import { ForgotForm } from "./forgot-form";

export async function generateMetadata() {
  return { title: (await getTranslations("login.forgot"))("title") };
}

export default async function ForgotPasswordPage() {
  const [available, t, sayer] = await Promise.all([
    isEmailConfigured(),
    getTranslations("login.forgot"),
    failureSayer(),
  ]);
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      {available ? (
        <>
          <p className="mt-2 text-slate-700">{t("intro")}</p>
          <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <ForgotForm words={{ email: t("email"), submit: t("submit") }} />
          </div>
        </>
      ) : (
        <p className="mt-4 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-slate-800">
          {sayer.say({ code: "reset_unavailable" })}
        </p>
      )}
      <Link href="/login" className="mt-6 inline-block font-medium text-indigo-700 underline">
        {t("back")}
      </Link>
    </main>
  );
}
