import Link from "next/link";
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
export function AccountFilters({ query }: { query: AccountListQuery }) {
  return (
    <form
      method="get"
      action="/backend/users"
      role="search"
      aria-label="Users"
      className="grid gap-3 sm:grid-cols-[minmax(12rem,2fr)_1fr_1fr_auto] sm:items-end"
    >
      <div>
        <label htmlFor="users-search" className="block text-sm font-medium">
          Search
        </label>
        <input
          id="users-search"
          name="q"
          type="search"
          defaultValue={query.q}
          maxLength={SEARCH_MAX}
          placeholder="Name or email"
          className={control}
        />
      </div>
      <Choice id="users-role" name="role" label="Role" value={query.role} choices={ROLE_CHOICES} />
      <Choice
        id="users-two-factor"
        name="twoFactor"
        label="Two-factor"
        value={query.twoFactor}
        choices={TWO_FACTOR_CHOICES}
      />
      <button
        type="submit"
        className="min-h-11 rounded-md bg-indigo-700 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-800"
      >
        Filter
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
export function AccountPager(props: {
  query: AccountListQuery;
  hasPrevious: boolean;
  hasNext: boolean;
}) {
  const { query } = props;
  const link = "inline-flex min-h-11 items-center font-medium text-indigo-700 underline";
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center gap-4 text-sm">
      {props.hasPrevious ? (
        <Link href={accountListHref(query, query.page - 1)} className={link}>
          Previous page
        </Link>
      ) : null}
      <span aria-current="page">Page {query.page}</span>
      {props.hasNext ? (
        <Link href={accountListHref(query, query.page + 1)} className={link}>
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
