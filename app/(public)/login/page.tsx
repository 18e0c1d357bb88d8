import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RETURN_PARAM, safeReturnPath } from "@/lib/auth/return-path";
import { getSession, homeFor } from "@/lib/auth/session";
import { isEmailConfigured } from "@/lib/email/email-settings";
import { displayName, getSettings } from "@/lib/settings/settings";
import { adminExists } from "@/lib/users/users";
import { LoginForm } from "./login-form";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { signInRefusalWords } from "@/lib/sign-in/refusal";
import { failureSayer } from "@/words/failure-words";
import { passkeyAddressWords } from "@/components/passkeys/passkey-words";
import { PasskeySignIn } from "./passkey-sign-in";

export async function generateMetadata() {
  return { title: (await getTranslations("login.login"))("title") };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await adminExists())) redirect("/setup");
  const [session, params] = await Promise.all([getSession(), searchParams]);
  // The page first asked for (docs/rules.md, rule 30), carried through the steps to come.
  const next = safeReturnPath(params[RETURN_PARAM]);
  if (session?.stage === "COMPLETE") redirect(homeFor(session, next));
  const [settings, resetOffered, t, failures] = await Promise.all([
    getSettings(),
    isEmailConfigured(),
    getTranslations("login.login"),
    failureSayer(),
  ]);
  const notice =
    params.setup === "done" ? t("setupDone") : params.reset === "done" ? t("resetDone") : undefined;
  const words = {
    email: t("email"),
    password: t("password"),
    submit: t("submit"),
    missing: t("missing"),
  };
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <p className="text-sm font-medium text-slate-600">{displayName(settings)}</p>
      <h1 className="mt-1 text-2xl font-semibold">{t("heading")}</h1>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <LoginForm
          notice={notice}
          passkeys={settings.allowPasskeys}
          next={next}
          words={words}
          refusals={signInRefusalWords(failures.say)}
        />
        {settings.allowPasskeys ? (
          <div className="mt-4 border-t border-slate-200 pt-4">
            <PasskeySignIn
              next={next}
              origin={relyingParty().origin}
              words={{ label: t("passkey"), refused: t("passkeyRefused") }}
              addressWords={await passkeyAddressWords(relyingParty().origin)}
            />
          </div>
        ) : null}
      </div>
      {/* docs/rules.md, rule 21: reset is offered only where a link can be sent. */}
      {resetOffered ? (
        <Link
          href="/login/forgot"
          className="mt-4 inline-block text-sm font-medium text-indigo-700 underline"
        >
          {t("forgot")}
        </Link>
      ) : null}
    </main>
  );
}
