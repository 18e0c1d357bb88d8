import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** 2FA is off for the whole instance: nothing to set up; admins get the way to turn it on. */
export async function TurnedOffNotice({ admin }: { admin: boolean }) {
  const t = await getTranslations("account.twoFactor");
  return (
    <p className="text-slate-700">
      {t("turnedOff")}{" "}
      {admin ? (
        <Link href="/backend/settings/2fa" className="font-medium text-indigo-700 underline">
          {t("openSettings")}
        </Link>
      ) : null}
    </p>
  );
}
