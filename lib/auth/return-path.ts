// Back to where you were (docs/rules.md, rule 30): the page a signed-out visitor first asked for,
// carried as `?next=` from the proxy through /login, /login/verify and /login/enroll, and checked
// here, once, wherever a sign-in ends. Only a path inside the signed-in person's own area counts;
// anything else (another origin, a scheme, a backslash, an encoded trick, the other audience's
// area) is no return path, and the sign-in goes to the dashboard. No server-only: the login page's
// passkey button reads it in the browser too.

export const RETURN_PARAM = "next";
/** The request header in which proxy.ts hands a page the path it was asked for. */
export const REQUEST_PATH_HEADER = "x-appmail-path";

const AREAS = { ADMIN: "/backend", CUSTOMER: "/customer" } as const;
const MAX_LENGTH = 2048;
// Only to resolve a path against: never compared with the app's real origin.
const BASE = "http://appmail.invalid";

/**
 * The path to return to after a sign-in of `role`, normalized, or null when `raw` is not a path of
 * that role's area. Without a role: a path of either area (what the proxy and /login carry).
 */
export function safeReturnPath(raw: unknown, role?: string): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_LENGTH) return null;
  // A path of this app starts with one slash; "//host" and "/\host" are other origins to a
  // browser, and an encoded slash or backslash becomes one after a decode along the way.
  if (!raw.startsWith("/") || raw.startsWith("//")) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (/[\\\u0000-\u001f\u007f]/.test(decoded) || /[\\\s]/.test(raw)) return null;
  if (decoded.startsWith("//") || raw.includes("//") || decoded.includes("//")) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = url.pathname;
  const areas = role ? [AREAS[role as keyof typeof AREAS]].filter(Boolean) : Object.values(AREAS);
  const inArea = areas.some((area) => path === area || path.startsWith(`${area}/`));
  return inArea ? `${path}${url.search}` : null;
}

/** `path` with the return path carried as its query parameter, when there is one. */
export function withReturnPath(path: string, next: string | null | undefined): string {
  const safe = safeReturnPath(next);
  if (!safe) return path;
  const separator = path.includes("?") ? "&" : "?";
  return `${path}${separator}${RETURN_PARAM}=${encodeURIComponent(safe)}`;
}
