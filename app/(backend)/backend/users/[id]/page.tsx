import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { findEditableAccount } from "@/lib/users/edit-account";
import { AccountStatus } from "./account-status";
import { EditUserForm } from "./edit-user-form";

export async function generateMetadata() {
  const t = await getTranslations("admin.editUser");
  return { title: t("title") };
}

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("ADMIN");
  const { id } = await params;
  const account = /^[a-z0-9]{1,64}$/.test(id) ? await findEditableAccount(id) : null;
  if (!account) notFound();
  const { name, email, role } = account;
  const t = await getTranslations("admin.editUser");
  const deactivated = account.deactivatedAt !== null;
  return (
    <>
      <p>
        <Link href="/backend/users" className="text-sm underline">
          {t("back")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold break-words">{t("heading", { email })}</h1>
      <div className="max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <EditUserForm
          stored={{ userId: id, name, email, role }}
          words={{
            name: t("name"),
            email: t("email"),
            role: t("role"),
            admin: t("admin"),
            customer: t("customer"),
            save: t("save"),
          }}
        />
      </div>
      <section
        aria-labelledby="account-status"
        className="max-w-md space-y-3 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      >
        <h2 id="account-status" className="text-lg font-semibold">
          {t("status", { status: deactivated ? "deactivated" : "active" })}
        </h2>
        <AccountStatus
          userId={id}
          deactivated={deactivated}
          words={{
            deactivate: t("deactivate"),
            reactivate: t("reactivate"),
            cancel: t("cancel"),
            deactivateQuestion: t("deactivateQuestion", { email }),
          }}
        />
      </section>
    </>
  );
}
