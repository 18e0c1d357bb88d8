import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/app-header";
import { getSession, homeFor } from "@/lib/auth/session";

/**
 * The body of the 403 and 404 pages: with the app's header and a way to the dashboard for a
 * complete sign-in; for anyone else (signed out, or between the steps), a way to sign in.
 */
export async function StatusPage({ title, text }: { title: string; text?: string }) {
  const [session, t] = await Promise.all([getSession(), getTranslations("common.status")]);
  const body = (
    <div className="mx-auto max-w-md py-10 text-center">
      <h1 className="text-2xl font-semibold">{title}</h1>
      {text ? <p className="mt-2 text-slate-600">{text}</p> : null}
      {session?.stage === "COMPLETE" ? (
        <Link
          href={homeFor(session)}
          className="mt-6 inline-block font-medium text-indigo-700 underline"
        >
          {t("toDashboard")}
        </Link>
      ) : (
        <Link
          href={session ? homeFor(session) : "/login"}
          className="mt-6 inline-block font-medium text-indigo-700 underline"
        >
          {t("signIn")}
        </Link>
      )}
    </div>
  );
  if (session?.stage === "COMPLETE") return <PageShell session={session}>{body}</PageShell>;
  return <main className="px-4 py-6">{body}</main>;
}
