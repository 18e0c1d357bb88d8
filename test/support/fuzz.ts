// Generated malformed requests for test/browser/fuzz.spec.ts: a seeded generator, so that a run
// can be replayed from its seed, and a small HTTP sender that keeps full control of the bytes.
import http from "node:http";

/** mulberry32: a tiny seeded generator, good enough to pick cases. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
  };
}

export type Random = ReturnType<typeof prng>;

export type SessionKind = "anonymous" | "pending" | "customer" | "admin";
export const SESSION_KINDS: readonly SessionKind[] = ["anonymous", "pending", "customer", "admin"];

export type FuzzRequest = {
  index: number;
  session: SessionKind;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
  /** Server actions the request may run (by its header or a no-JavaScript form field). */
  actions: string[];
  /** Emails this request may count a failed password attempt for (valid CSRF token). */
  credentialsEmails: string[];
};

/** Limits on what the run may do to state shared with other tests. */
export type FuzzBudget = { passwordAttempts: number };

export type ServerActionInfo = { id: string; exportedName: string; pages: string[] };

export type FuzzContext = {
  actions: ServerActionInfo[];
  /** Form field names of the app's forms. */
  fieldNames: readonly string[];
  pages: readonly string[];
  /** A valid next-auth CSRF token per session kind (its cookie is in the session's cookies). */
  csrfToken: (session: SessionKind) => string;
  /** True when the string could be an authentication code accepted right now. */
  isLiveCode: (digits: string) => boolean;
};

export const PAGES = [
  "/",
  "/setup",
  "/login",
  "/login/verify",
  "/login/enroll",
  "/backend",
  "/backend/account",
  "/backend/settings/2fa",
  "/backend/settings/general",
  "/backend/users",
  "/backend/users/new",
  "/backend/audit",
  "/customer",
  "/customer/account",
] as const;

export const NEXT_AUTH_PATHS = [
  "/api/auth/csrf",
  "/api/auth/session",
  "/api/auth/providers",
  "/api/auth/signin",
  "/api/auth/signin/credentials",
  "/api/auth/callback/credentials",
  "/api/auth/signout",
  "/api/auth/error",
  "/api/auth/_log",
  "/api/auth/verify-request",
  "/api/auth/callback/github",
  "/api/auth/%2e%2e/%2e%2e/health",
  "/api/auth/",
  "/api/auth/a/b/c/d/e/f",
] as const;

/** The passkey route handlers: JSON from this origin, each for one kind of session. */
export const PASSKEY_PATHS = [
  "/api/passkeys/sign-in-options",
  "/api/passkeys/second-step/options",
  "/api/passkeys/second-step",
  "/api/passkeys/registration",
  "/api/passkeys/reset-options",
  "/api/passkeys/confirmation-options",
] as const;

const HUGE = 100_000;

/** Strings that forms do not expect. None is a valid value of any form of the app. */
function badString(r: Random): string {
  switch (r.int(22)) {
    case 0:
      return "";
    case 1:
      return " \t\r\n ";
    case 2:
      return "x".repeat(HUGE);
    case 3:
      return "9".repeat(r.pick([7, 64, 5000]));
    case 4:
      return "12\u000034😀56";
    case 5:
      return "\u202e\u0000\u0007\u001b[31m\ufeff";
    case 6:
      return "\ud800lone surrogate \udfff";
    case 7:
      return "😀".repeat(r.pick([1, 3, 1000]));
    case 8:
      return r.pick(["-1", "1e309", "NaN", "Infinity", "0x1F", "1.5", "99999", "٣٣", "-0"]);
    case 9:
      return r.pick(["$K1", "$1", "$@0", "$Q2", "$undefined", "$$", "$", "$T", "$h1", "$F0"]);
    case 10:
      return r.pick(["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"]);
    case 11:
      return r.pick(["true", "false", "null", "undefined", "[]", "{}", '{"a":1}', "[[[[", '"']);
    case 12:
      return '\' OR 1=1 --; DROP TABLE "User"; --';
    case 13:
      return '<script>alert(1)</script><img src=x onerror="alert(1)">';
    case 14:
      return r.pick(["on", "ON", "yes", "recovery", "code", "admin", "Admin", "Customer"]);
    case 15:
      return r.pick(["@", "@@", "a@", "@b", "a@@b", "a b@c", "a@b@c", ".@."]);
    case 16:
      return randomText(r, r.int(40));
    case 17:
      return "%00%ff%fe%E0%A4%A";
    case 18:
      return "é".normalize("NFD").repeat(r.pick([1, 50]));
    case 19:
      return "ＡＢＣ１２３４５６";
    case 20:
      return "\u0660\u0661\u0662\u0663\u0664\u0665"; // Arabic-Indic digits
    default:
      return r.pick(["000000", "123456", "12345", "1234567", "12 34 56", "123-456"]);
  }
}

function randomText(r: Random, length: number): string {
  const ranges = [
    [0x20, 0x7e],
    [0xa0, 0x24f],
    [0x400, 0x4ff],
    [0x4e00, 0x4fff],
    [0x1f600, 0x1f64f],
    [0x0, 0x1f],
  ] as const;
  let text = "";
  for (let i = 0; i < length; i++) {
    const [low, high] = r.pick(ranges);
    text += String.fromCodePoint(low + r.int(high - low + 1));
  }
  return text;
}

/** A JSON-encodable value of any shape: deep, wide, huge or full of React references. */
function badJsonValue(r: Random, depth = 0): unknown {
  const kind = depth > 4 ? r.int(5) : r.int(11);
  switch (kind) {
    case 0:
      return badString(r);
    case 1:
      return r.pick([0, -1, 1e308, -1e-308, 123456, 2 ** 53 + 1]);
    case 2:
      return r.pick([true, false, null]);
    case 3:
      return r.pick(["$K1", "$K99", "$undefined", "$@1", "$1", "$Q1", "$W1", "$B1", "$D1", "$n1"]);
    case 4:
      return { status: badString(r) };
    case 5:
      return Array.from({ length: r.int(4) }, () => badJsonValue(r, depth + 1));
    case 6:
      return Object.fromEntries(
        Array.from({ length: r.int(4) }, () => [
          badString(r).slice(0, 20),
          badJsonValue(r, depth + 1),
        ]),
      );
    case 7: {
      // Deeply nested arrays or objects, beyond any sane depth.
      const levels = r.pick([100, 1000, 5000]);
      const open = r.chance(0.5) ? "[" : '{"a":';
      const close = open === "[" ? "]" : "}";
      return { __raw: `${open.repeat(levels)}1${close.repeat(levels)}` };
    }
    case 8:
      return Array.from({ length: r.pick([1000, 20000]) }, () => 1);
    case 9:
      return {
        __raw: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":1}}}',
      };
    default:
      return [{ status: "idle" }, "$K1"];
  }
}

/** JSON text of the value, with `{ __raw }` parts inserted as they are (e.g. 5,000 brackets). */
function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (item && typeof item === "object" && "__raw" in item) {
      raws.push(String(item.__raw));
      return `@@RAW${raws.length - 1}@@`;
    }
    return item;
  });
  return (text ?? "null").replace(/"@@RAW(\d+)@@"/g, (_match, n: string) => raws[Number(n)]!);
}

/** The argument list of field "0": mostly what React sends, sometimes anything. */
function argumentList(r: Random): string {
  if (r.chance(0.5)) return r.pick(['[{"status":"idle"},"$K1"]', '["$K1"]', "[]"]);
  if (r.chance(0.2)) return badString(r);
  return toJson(r.chance(0.7) ? [badJsonValue(r), badJsonValue(r)] : badJsonValue(r));
}

const BOUNDARY = "----appmailFuzzBoundary";

function multipartBody(r: Random, parts: [string, string][], boundary = BOUNDARY): Buffer {
  const chunks = parts.map(([name, value]) => {
    const filename = r.chance(0.05)
      ? `; filename="${r.pick(["a.txt", "", "../../etc/passwd"])}"`
      : "";
    const type = filename && r.chance(0.5) ? "\r\nContent-Type: application/octet-stream" : "";
    return `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename}${type}\r\n\r\n${value}\r\n`;
  });
  let text = `${chunks.join("")}--${boundary}--\r\n`;
  if (r.chance(0.05)) text = text.slice(0, r.int(text.length)); // truncated
  return Buffer.from(text, "utf8");
}

function randomBytes(r: Random, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = r.int(256);
  return bytes;
}

/** Field values for a form: the names the app's forms use, and some it does not. */
function formFields(r: Random, context: FuzzContext): [string, string][] {
  const count = r.pick([0, 1, 2, 3, 5]);
  const fields: [string, string][] = [];
  for (let i = 0; i < count; i++) {
    const name = r.chance(0.85) ? r.pick(context.fieldNames) : badString(r).slice(0, 30);
    fields.push([name, badString(r)]);
  }
  return fields;
}

const CONTENT_TYPES = [
  "text/plain;charset=UTF-8",
  "application/json",
  "application/x-www-form-urlencoded",
  "text/x-component",
  "application/octet-stream",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  "multipart/mixed; boundary=x",
  "text/plain; charset=utf-16",
  "text/plain; charset=nope",
  "image/png",
  "",
];

function routerStateTree(r: Random): string {
  return r.pick([
    "%5B%22%22%2C%7B%22children%22%3A%5B%22__PAGE__%22%2C%7B%7D%5D%7D%2Cnull%2Cnull%2Ctrue%5D",
    "not json",
    "%5B",
    "%7B%7D",
    "%ZZ",
    encodeURIComponent(JSON.stringify([[[[[[[[]]]]]]]])),
    "x".repeat(4000),
  ]);
}

/** Headers a browser or Next.js's router may send, some of them wrong. */
function nextHeaders(r: Random, baseUrl: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (r.chance(0.7)) headers.origin = r.pick([baseUrl, baseUrl, "null", "https://evil.example"]);
  if (r.chance(0.6))
    headers.accept = r.pick(["text/x-component", "text/html", "*/*", "application/json"]);
  if (r.chance(0.15)) headers["next-router-prefetch"] = r.pick(["1", "0", "true", "x"]);
  if (r.chance(0.15)) headers.rsc = r.pick(["1", "0", "x"]);
  if (r.chance(0.1)) headers["next-router-segment-prefetch"] = r.pick(["/_tree", "/x", "%%"]);
  if (r.chance(0.15)) headers["next-router-state-tree"] = routerStateTree(r);
  if (r.chance(0.05)) headers["next-url"] = r.pick(["/backend", "//evil.example", "%"]);
  if (r.chance(0.05))
    headers["x-forwarded-for"] = r.pick(["1.2.3.4", "not an ip", "::1, 10.0.0.1"]);
  if (r.chance(0.05)) headers["x-forwarded-host"] = "evil.example";
  if (r.chance(0.03)) headers["content-encoding"] = r.pick(["gzip", "br", "deflate", "x"]);
  return headers;
}

/** A post to a server action: a real id (from its page or another), a random one, or none. */
function actionPost(
  r: Random,
  context: FuzzContext,
  baseUrl: string,
): Omit<FuzzRequest, "index" | "session"> {
  const action = r.pick(context.actions);
  const path = r.chance(0.75)
    ? r.pick(action.pages.length ? action.pages : ["/"])
    : r.pick(context.pages);
  const headers = nextHeaders(r, baseUrl);
  headers.accept ??= "text/x-component";
  const actions: string[] = [];
  const idKind = r.int(20);
  let id: string | null = action.id;
  if (idKind === 0) id = randomBytes(r, 21).toString("hex");
  else if (idKind === 1) id = r.pick(["", "x", "../../", "00", "null", "$K1", "f".repeat(400)]);
  else if (idKind === 2) id = null;
  if (id) {
    headers["next-action"] = id;
    if (id === action.id) actions.push(action.exportedName);
  }
  const fields = formFields(r, context);
  let body: Buffer;
  const bodyKind = r.int(12);
  if (bodyKind <= 4 || id === null) {
    // React's form encoding, with the fields prefixed and the argument list in "0".
    const parts: [string, string][] = fields.map(([name, value]) => [`_1_${name}`, value]);
    if (!r.chance(0.1)) parts.push(["0", argumentList(r)]);
    if (id === null) {
      parts.unshift([`$ACTION_ID_${action.id}`, ""]);
      actions.push(action.exportedName);
    }
    if (r.chance(0.1)) parts.push([`$ACTION_REF_${r.int(3)}`, ""]);
    headers["content-type"] = `multipart/form-data; boundary=${BOUNDARY}`;
    body = multipartBody(r, r.chance(0.1) ? parts.reverse() : parts);
  } else if (bodyKind <= 7) {
    headers["content-type"] = r.pick([
      "text/plain;charset=UTF-8",
      "application/json",
      "text/plain",
    ]);
    body = Buffer.from(argumentList(r), "utf8");
  } else if (bodyKind === 8) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = Buffer.from(new URLSearchParams(fields).toString() + (r.chance(0.3) ? "&%zz=%" : ""));
  } else if (bodyKind === 9) {
    headers["content-type"] = r.pick(CONTENT_TYPES);
    body = randomBytes(r, r.pick([0, 1, 17, 4096]));
  } else if (bodyKind === 10) {
    // A boundary that does not match the body's.
    headers["content-type"] =
      `multipart/form-data; boundary=${r.pick(["other", "", '"q"', "-".repeat(200)])}`;
    body = multipartBody(r, [["0", argumentList(r)], ...fields]);
  } else {
    headers["content-type"] = r.pick(CONTENT_TYPES);
    body = r.chance(0.2)
      ? Buffer.alloc(r.pick([1_100_000, 3_000_000]), 0x61) // above the 1 MB body limit
      : Buffer.from(badString(r), "utf8");
  }
  if (!headers["content-type"]) delete headers["content-type"];
  const method = r.chance(0.95) ? "POST" : r.pick(["GET", "PUT", "DELETE"]);
  return { method, path, headers, body, actions, credentialsEmails: [] };
}

/**
 * Whether next-auth's credentials check would count these as a password attempt (a string email
 * and password of sane length, as lib/sign-in/password-step.ts reads them): a failed attempt is counted
 * against the client address, which the other browser tests share.
 */
function countsAsPasswordAttempt(fields: [string, string][]): string[] {
  const emails = fields
    .filter(([name, value]) => name === "email" && value.trim() && value.trim().length <= 320)
    .map(([, value]) => value.trim().toLowerCase());
  const password = fields.some(
    ([name, value]) => name === "password" && value.length > 0 && value.length <= 1024,
  );
  return password ? emails : [];
}

/** Sessions a sign-out may end: none, and the pending sign-in the run replaces every round. */
const SIGN_OUT_SESSIONS: readonly SessionKind[] = ["anonymous", "pending"];

/** A request to a route handler: next-auth's and the health check. */
function routeRequest(
  r: Random,
  context: FuzzContext,
  baseUrl: string,
  session: SessionKind,
  budget: FuzzBudget,
): Omit<FuzzRequest, "index" | "session"> {
  const path = r.chance(0.1) ? "/api/health" : r.pick(NEXT_AUTH_PATHS);
  const method = r.pick([
    "GET",
    "POST",
    "POST",
    "POST",
    "PUT",
    "DELETE",
    "PATCH",
    "OPTIONS",
    "HEAD",
  ]);
  const headers = nextHeaders(r, baseUrl);
  const query = r.chance(0.4)
    ? `?${new URLSearchParams(
        formFields(r, {
          ...context,
          fieldNames: ["callbackUrl", "error", "csrf", "json", "redirect"],
        }),
      ).toString()}`
    : "";
  let body: Buffer | null = null;
  let credentialsEmails: string[] = [];
  if (method !== "GET" && method !== "HEAD") {
    const fields = formFields(r, {
      ...context,
      fieldNames: ["email", "password", "csrfToken", "callbackUrl", "json", "redirect", "data"],
    });
    if (r.chance(0.5)) {
      fields.push(["csrfToken", r.chance(0.7) ? context.csrfToken(session) : badString(r)]);
    }
    if (r.chance(0.5)) fields.push(["json", "true"]);
    // next-auth's sign-out with the session's own CSRF token is a real sign-out, as the "Sign out"
    // action is (NO_INPUT below): only the sessions whose end the run allows get a valid one.
    if (path === "/api/auth/signout" && !SIGN_OUT_SESSIONS.includes(session)) {
      for (const field of fields) {
        if (field[0] === "csrfToken" && field[1] === context.csrfToken(session)) {
          field[1] = "not-the-token";
        }
      }
    }
    const validToken = fields.some(
      ([name, value]) => name === "csrfToken" && value === context.csrfToken(session),
    );
    credentialsEmails = validToken ? countsAsPasswordAttempt(fields) : [];
    if (credentialsEmails.length > 0) {
      if (budget.passwordAttempts > 0) budget.passwordAttempts--;
      else {
        credentialsEmails = [];
        for (const field of fields) if (field[0] === "csrfToken") field[1] = "not-the-token";
      }
    }
    const kind = r.int(5);
    if (kind <= 2) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = Buffer.from(new URLSearchParams(fields).toString(), "utf8");
    } else if (kind === 3) {
      headers["content-type"] = r.pick(["application/json", "text/plain"]);
      body = Buffer.from(
        toJson(r.chance(0.5) ? Object.fromEntries(fields) : badJsonValue(r)),
        "utf8",
      );
    } else {
      headers["content-type"] = r.pick(CONTENT_TYPES);
      body = r.chance(0.5) ? randomBytes(r, r.pick([1, 100, 70_000])) : multipartBody(r, fields);
    }
  }
  return { method, path: path + query, headers, body, actions: [], credentialsEmails };
}

/** A base64url string, or something that is almost one. */
function badBase64Url(r: Random): unknown {
  return r.chance(0.6)
    ? Buffer.from(randomBytes(r, r.pick([0, 16, 32, 37, 300]))).toString("base64url")
    : badJsonValue(r);
}

/**
 * A post to a passkey route: mostly JSON shaped like what the browser sends (an assertion or a
 * registration with wrong parts, a reset token), from this origin or another.
 */
function passkeyRouteRequest(r: Random, baseUrl: string): Omit<FuzzRequest, "index" | "session"> {
  const path = r.pick(PASSKEY_PATHS);
  const method = r.chance(0.85) ? "POST" : r.pick(["GET", "PUT", "DELETE", "OPTIONS", "HEAD"]);
  const headers = nextHeaders(r, baseUrl);
  if (r.chance(0.8)) headers.origin = baseUrl;
  let body: Buffer | null = null;
  if (method !== "GET" && method !== "HEAD") {
    headers["content-type"] = r.chance(0.8) ? "application/json" : r.pick(CONTENT_TYPES);
    const credential = {
      id: badBase64Url(r),
      rawId: badBase64Url(r),
      type: r.pick(["public-key", "password", ""]),
      response: {
        clientDataJSON: badBase64Url(r),
        authenticatorData: badBase64Url(r),
        attestationObject: badBase64Url(r),
        signature: badBase64Url(r),
        userHandle: badBase64Url(r),
      },
      clientExtensionResults: r.chance(0.8) ? {} : badJsonValue(r),
    };
    const value = r.pick<unknown>([
      { response: credential },
      { response: credential, name: badJsonValue(r) },
      { token: badBase64Url(r) },
      credential,
      badJsonValue(r),
    ]);
    body = r.chance(0.9)
      ? Buffer.from(toJson(value), "utf8")
      : randomBytes(r, r.pick([1, 100, 70_000]));
  }
  return { method, path, headers, body, actions: [], credentialsEmails: [] };
}

/** A page load as the router makes it (prefetch, RSC), with odd paths and queries. */
function pageRequest(
  r: Random,
  context: FuzzContext,
  baseUrl: string,
): Omit<FuzzRequest, "index" | "session"> {
  const headers = nextHeaders(r, baseUrl);
  let path: string = r.pick(context.pages);
  const oddity = r.int(10);
  if (oddity === 0) path += `?${badString(r).slice(0, 2000)}`;
  else if (oddity === 1)
    path += r.pick(["/%00", "/%ff", "/..%2f..%2f", "/%E0%A4%A", "/" + "a".repeat(3000)]);
  else if (oddity === 2)
    path = r.pick(["/_next/data/x/y.json", "/_next/static/../../server.ts", "/%2e%2e/"]);
  else if (oddity === 3) path += "?_rsc=" + r.pick(["", "x", "%%", "1".repeat(100)]);
  return {
    method: r.pick(["GET", "GET", "GET", "HEAD", "POST", "OPTIONS"]),
    path,
    headers,
    body: null,
    actions: [],
    credentialsEmails: [],
  };
}

/** Actions that take no input: any post that reaches them is a real use, not bad input. */
const NO_INPUT: Record<string, SessionKind[]> = {
  // Signing out ends the sign-in; only an anonymous post can be told "nothing happened".
  signOutAction: ["anonymous"],
  // Starting the set-up offers a new secret to an account without 2FA, by design.
  startTwoFactorSetupAction: ["anonymous", "pending", "admin"],
  // "Sign out all other browsers" ends the account's other sign-ins, by design.
  signOutOtherBrowsersAction: ["anonymous", "pending"],
};

/** The `index`-th request of a run, from a generator seeded once for the run. */
export function generateRequest(
  r: Random,
  index: number,
  context: FuzzContext,
  baseUrl: string,
  budget: FuzzBudget,
): FuzzRequest {
  let session = r.pick(SESSION_KINDS);
  const kind = r.next();
  const request =
    kind < 0.6
      ? actionPost(r, context, baseUrl)
      : kind < 0.77
        ? routeRequest(r, context, baseUrl, session, budget)
        : kind < 0.87
          ? passkeyRouteRequest(r, baseUrl)
          : pageRequest(r, context, baseUrl);
  for (const action of request.actions) {
    const allowed = NO_INPUT[action];
    if (allowed && !allowed.includes(session)) session = r.pick(allowed);
  }
  return { index, session, ...request };
}

/** Replaces anything that could be an authentication code accepted right now. */
export function withoutLiveCodes(request: FuzzRequest, isLiveCode: (digits: string) => boolean) {
  if (!request.body) return request;
  const text = request.body.toString("latin1");
  const replaced = text.replace(/\d(?:[^\d\r\n]{0,3}\d){5}/g, (match) =>
    isLiveCode(match.replace(/\D/g, "")) ? "0".repeat(match.length) : match,
  );
  return replaced === text ? request : { ...request, body: Buffer.from(replaced, "latin1") };
}

export type FuzzResponse = { status: number; body: string } | { error: string };

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** Sends the request as given (no cookie jar, no redirects) and reads the whole answer. */
export function send(
  baseUrl: string,
  request: FuzzRequest,
  cookie: string,
  timeoutMs = 30_000,
): Promise<FuzzResponse> {
  const url = new URL(baseUrl);
  // Node refuses to send a path with spaces or non-ASCII: those are sent percent-encoded.
  const path = request.path.replace(/[^\x21-\x7e]+/g, (text) =>
    [...Buffer.from(text, "utf8")].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join(""),
  );
  const headers: Record<string, string> = { ...request.headers };
  if (cookie) headers.cookie = cookie;
  if (request.body) headers["content-length"] = String(request.body.length);
  return new Promise((resolve) => {
    const outgoing = http.request(
      // A browser reads far larger response headers than Node's default 16 KB.
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: request.method,
        path,
        headers,
        maxHeaderSize: 1024 * 1024,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", (error) => resolve({ error: error.message }));
      },
    );
    outgoing.setTimeout(timeoutMs, () =>
      outgoing.destroy(new Error(`no answer in ${timeoutMs} ms`)),
    );
    outgoing.on("error", (error) => resolve({ error: error.message }));
    outgoing.end(request.body ?? undefined);
  });
}

/** Sends the request; a connection reset before any answer is tried once more on a new one. */
export async function sendWithRetry(baseUrl: string, request: FuzzRequest, cookie: string) {
  const first = await send(baseUrl, request, cookie);
  return "error" in first && /ECONNRESET|EPIPE|socket hang up/.test(first.error)
    ? send(baseUrl, request, cookie)
    : first;
}

/**
 * What kind of request failed, to group failures by probable cause: the status, the method, what
 * was addressed, and the headers Next.js's server actions check.
 */
export function failureKind(request: FuzzRequest, outcome: string): string {
  const headers = request.headers;
  const origin = headers.origin;
  const originKind =
    origin === undefined
      ? "no Origin"
      : /^http:\/\/127\.0\.0\.1:/.test(origin)
        ? "same Origin"
        : `Origin ${origin}`;
  const id = headers["next-action"];
  const bodyText = request.body?.subarray(0, 200).toString("latin1") ?? "";
  const target =
    id !== undefined
      ? `server action (${/^[0-9a-f]{42}$/.test(id) ? (request.actions.length ? "its id" : "unknown id") : "malformed id"})`
      : bodyText.includes("$ACTION_ID_")
        ? "no-JavaScript form post to a server action"
        : request.path.startsWith("/api/")
          ? request.path.split("?")[0]!
          : "page";
  const flags = [
    originKind,
    headers["x-forwarded-host"] ? "X-Forwarded-Host" : "",
    headers["next-router-prefetch"] !== undefined ? "next-router-prefetch" : "",
    /[?&]callbackUrl=/.test(request.path) || /callbackUrl/.test(bodyText) ? "callbackUrl" : "",
  ].filter(Boolean);
  return `${outcome}: ${request.method} ${target}, ${flags.join(", ")}`;
}

/** How to replay one request by hand. */
export function describeRequest(request: FuzzRequest, seed: number): string {
  const body = request.body
    ? request.body.length > 600
      ? `${request.body.length} bytes, starting ${JSON.stringify(request.body.subarray(0, 300).toString("latin1"))}`
      : JSON.stringify(request.body.toString("latin1"))
    : "none";
  return [
    `request #${request.index} of seed ${seed} (APPMAIL_FUZZ_SEED=${seed}), session: ${request.session}`,
    `${request.method} ${request.path.slice(0, 300)}`,
    `headers: ${JSON.stringify(request.headers).slice(0, 800)}`,
    `body (latin1): ${body}`,
  ].join("\n  ");
}
