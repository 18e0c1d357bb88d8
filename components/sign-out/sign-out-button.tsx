import { getTranslations } from "next-intl/server";
import { signOutAction } from "./actions";

export async function SignOutButton() {
  const t = await getTranslations("common.signOut");
  return (
    <form action={signOutAction}>
      <button
        type="submit"
        className="min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
      >
        {t("button")}
      </button>
    </form>
  );
}
