import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** What the "This wasn't me" link answers, whether it ended a sign-in or not: then "Change your password". */
export async function NotMeAnswer({
  heading,
  children,
}: {
  heading: string;
  children: React.ReactNode;
}) {
  const t = await getTranslations("login.notMe");
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">{heading}</h1>
      {children}
      <Link
        href="/login/forgot"
        className="mt-6 inline-block font-medium text-indigo-700 underline"
      >
        {t("changePassword")}
      </Link>
    </main>
  );
}
