import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { listAccountPage } from "@/lib/users/account-list";
import { accountListHref, accountListQuery } from "@/lib/users/account-list-query";
import { AccountFilters, AccountPager } from "./account-filters";
import { UserCard } from "./user-card";

export async function generateMetadata() {
  const t = await getTranslations("admin.users");
  return { title: t("title") };
}

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireRole("ADMIN");
  const params = await searchParams;
  const query = accountListQuery(params);
  const { accounts, hasPrevious, hasNext } = await listAccountPage(query);
  const filtered = Boolean(query.q || query.role || query.twoFactor);
  const t = await getTranslations("admin.users");
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("heading")}</h1>
        <Link
          href="/backend/users/new"
          className="inline-flex min-h-11 items-center rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800"
        >
          {t("newUser")}
        </Link>
      </div>
      {params.created === "1" ? (
        <p
          role="status"
          className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800"
        >
          {t("created")}
        </p>
      ) : null}
      {/* Cards, not a table's columns: on a phone a table's last columns, the buttons, were
          off-screen. Each card is still a table's row to assistive technology (and to browser
          tests that find a user's row): a div, as a list may not take the table role. */}
      <AccountFilters query={query} />
      {accounts.length === 0 ? (
        <p role="status" className="rounded-lg border border-slate-200 bg-white px-4 py-3">
          {query.page > 1
            ? t("emptyPage", { page: query.page })
            : filtered
              ? t("emptyFiltered")
              : t("empty")}
          {query.page > 1 ? (
            <Link
              href={accountListHref(query, 1)}
              className="font-medium text-indigo-700 underline"
            >
              {t("firstPage")}
            </Link>
          ) : null}
        </p>
      ) : null}
      <div
        role="table"
        aria-label={t("tableLabel")}
        className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
      >
        {accounts.map((user) => (
          <UserCard key={user.id} user={user} own={user.id === session.user.id} />
        ))}
      </div>
      <AccountPager query={query} hasPrevious={hasPrevious} hasNext={hasNext} />
    </>
  );
}
