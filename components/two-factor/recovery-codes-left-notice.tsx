import { getTranslations } from "next-intl/server";

/** After a sign-in with a recovery code: how many remain, and what to do when few do. */
export async function RecoveryCodesLeftNotice({ left }: { left: string | string[] | undefined }) {
  if (typeof left !== "string" || !/^\d{1,2}$/.test(left)) return null;
  const t = await getTranslations("account.dashboard");
  return (
    <p
      role="status"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      {t("recoveryCodesLeft", { count: Number(left) })}
    </p>
  );
}
