// What the users list shows, read from its URL (`?q=&role=&twoFactor=&page=`): the list is a GET
// form, so anything may arrive here. Whatever does not fit is read as its default (the first
// page, all roles, both kinds), never refused with a 500 (docs/rules.md, "The users list").
// No "server-only": the page's form and links are made from the same values.

export const ACCOUNTS_PER_PAGE = 50;
/** The longest search kept: longer than any name or email (254), so cutting never loses a match. */
export const SEARCH_MAX = 256;
/** Pages beyond this are past the end of any list this app keeps: read as the first. */
const PAGE_MAX = 10_000_000;

export const ROLE_CHOICES = [{ value: "" }, { value: "admin" }, { value: "customer" }] as const;

export const TWO_FACTOR_CHOICES = [
  { value: "" },
  { value: "enabled" },
  { value: "not-set-up" },
] as const;

export type AccountListQuery = {
  /** Part of a name or an email, as typed (trimmed); "" for no search. */
  q: string;
  role: "" | "admin" | "customer";
  twoFactor: "" | "enabled" | "not-set-up";
  page: number;
};

type SearchParams = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value) ?? "";

const choice = <T extends string>(value: string, choices: readonly { value: T }[], fallback: T) =>
  choices.find((option) => option.value === value)?.value ?? fallback;

export function accountListQuery(params: SearchParams): AccountListQuery {
  const page = one(params.page).trim();
  const number = /^\d{1,8}$/.test(page) ? Number(page) : 1;
  return {
    q: one(params.q).trim().slice(0, SEARCH_MAX),
    role: choice(one(params.role), ROLE_CHOICES, ""),
    twoFactor: choice(one(params.twoFactor), TWO_FACTOR_CHOICES, ""),
    page: number >= 1 && number <= PAGE_MAX ? number : 1,
  };
}

/** The URL of another page of the same list: only the parameters that are set. */
export function accountListHref(query: AccountListQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.role) params.set("role", query.role);
  if (query.twoFactor) params.set("twoFactor", query.twoFactor);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/backend/users?${search}` : "/backend/users";
}
