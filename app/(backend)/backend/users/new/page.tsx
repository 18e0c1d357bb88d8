import { accountFieldWords } from "@/components/account/account-field-words";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { NewUserForm } from "./new-user-form";

export async function generateMetadata() {
  const t = await getTranslations("admin.newUser");
  return { title: t("title") };
}

export default async function NewUserPage() {
  await requireRole("ADMIN");
  const t = await getTranslations("admin.newUser");
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <div className="max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <NewUserForm
          fieldWords={await accountFieldWords()}
          words={{
            role: t("role"),
            admin: t("admin"),
            customer: t("customer"),
            create: t("create"),
          }}
        />
      </div>
    </>
  );
}
