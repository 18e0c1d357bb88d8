import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RecoveryCodesLeftNotice } from "@/components/two-factor/recovery-codes-left-notice";
import { requireRole } from "@/lib/auth/session";

export async function generateMetadata() {
  return { title: (await getTranslations("account.dashboard"))("title") };
}

export default async function CustomerDashboard({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireRole("CUSTOMER");
  const t = await getTranslations("account.dashboard");
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <RecoveryCodesLeftNotice left={(await searchParams).recoveryCodesLeft} />
      <p>{t("welcome", { name: session.user.name })}</p>
      <p>
        <Link href="/customer/account" className="font-medium text-indigo-700 underline">
          {t("accountLink")}
        </Link>
      </p>
    </>
  );
}
