import Link from "next/link";
import { getTranslations } from "next-intl/server";
import {
  ROLE_CHOICES,
  SEARCH_MAX,
  TWO_FACTOR_CHOICES,
  accountListHref,
  type AccountListQuery,
} from "@/lib/users/account-list-query";

const control = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2";

/**
 * The users list's search and filters: a GET form, so it works without JavaScript and the URL
 * keeps what is shown (`?q=&role=&twoFactor=`); filtering starts again at page 1.
 */
export async function AccountFilters({ query }: { query: AccountListQuery }) {
  const t = await getTranslations("admin.users");
  // The choices' values are the URL's (lib/users/account-list-query.ts); their words are ours.
  const roles = ROLE_CHOICES.map(({ value }) => ({
    value,
    label: t(value === "admin" ? "admins" : value === "customer" ? "customers" : "all"),
  }));
  const twoFactor = TWO_FACTOR_CHOICES.map(({ value }) => ({
    value,
    label: t(value === "enabled" ? "enabled" : value === "not-set-up" ? "notSetUp" : "all"),
  }));
  return (
    <form
      method="get"
      action="/backend/users"
      role="search"
      aria-label={t("searchLabel")}
      className="grid gap-3 sm:grid-cols-[minmax(12rem,2fr)_1fr_1fr_auto] sm:items-end"
    >
      <div>
        <label htmlFor="users-search" className="block text-sm font-medium">
          {t("search")}
        </label>
        <input
          id="users-search"
          name="q"
          type="search"
          defaultValue={query.q}
          maxLength={SEARCH_MAX}
          placeholder={t("searchPlaceholder")}
          className={control}
        />
      </div>
      <Choice id="users-role" name="role" label={t("role")} value={query.role} choices={roles} />
      <Choice
        id="users-two-factor"
        name="twoFactor"
        label={t("twoFactor")}
        value={query.twoFactor}
        choices={twoFactor}
      />
      <button
        type="submit"
        className="min-h-11 rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800"
      >
        {t("filter")}
      </button>
    </form>
  );
}

function Choice(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  choices: readonly { value: string; label: string }[];
}) {
  return (
    <div>
      <label htmlFor={props.id} className="block text-sm font-medium">
        {props.label}
      </label>
      {/* Keyed by its value: React keeps a mounted select's first default (see SelectField). */}
      <select
        key={props.value}
        id={props.id}
        name={props.name}
        defaultValue={props.value}
        className={control}
      >
        {props.choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** "Previous page" and "Next page", where there is one; the page's number between them. */
export async function AccountPager(props: {
  query: AccountListQuery;
  hasPrevious: boolean;
  hasNext: boolean;
}) {
  const { query } = props;
  const t = await getTranslations("admin.users");
  const link = "inline-flex min-h-11 items-center font-medium text-indigo-700 underline";
  return (
    <nav aria-label={t("pages")} className="flex flex-wrap items-center gap-4 text-sm">
      {props.hasPrevious ? (
        <Link href={accountListHref(query, query.page - 1)} className={link}>
          {t("previousPage")}
        </Link>
      ) : null}
      <span aria-current="page">{t("page", { page: query.page })}</span>
      {props.hasNext ? (
        <Link href={accountListHref(query, query.page + 1)} className={link}>
          {t("nextPage")}
        </Link>
      ) : null}
    </nav>
  );
}
