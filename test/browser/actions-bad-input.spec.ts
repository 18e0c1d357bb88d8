import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { admin, createAccount, type Account } from "../support/browser-accounts";
import { storedState, storedUser } from "../support/browser-database";
import {
  serverActions,
  FORM_PREFIX,
  formBody,
  postAction,
  STACK_TRACE,
  STATE_AND_FORM,
  type ActionBody,
} from "../support/server-actions";
import { signInAs, signInToVerify, signOut } from "../support/sign-in";
import { Authenticator, secretFromSetupKey } from "../support/totp";
import { enrolledAccount, startSetup, type Enrolment } from "../support/two-factor";
import { ensureTwoFactorOn } from "../support/two-factor-settings";

// docs/rules.md, rule 15: bad input posted straight to a server action gets a message, never a 5xx,
// never a stack trace, and never changes stored state. The wire format is Next.js 16's, as
// captured from real submissions (see test/support/server-actions.ts); each action is posted to
// with a valid session of the kind it expects, so only the input is wrong.

const HUGE = "1".repeat(100_000);
const NUL_AND_EMOJI = "12\u000034😀56";

type Variant = {
  case: string;
  body: (fields: Record<string, string>, id: string) => ActionBody;
  /** A no-JavaScript form post: the action named in the body, no `Next-Action` header. */
  noJs?: boolean;
};

const json = (value: unknown): ActionBody => ({
  kind: "raw",
  contentType: "text/plain;charset=UTF-8",
  body: JSON.stringify(value),
});
const mapFields = (fields: Record<string, string>, value: string) =>
  Object.fromEntries(Object.keys(fields).map((name) => [name, value]));

const variants: Variant[] = [
  { case: "missing fields", body: () => formBody({}) },
  { case: "empty fields", body: (fields) => formBody(mapFields(fields, "")) },
  { case: "100,000-character values", body: (fields) => formBody(mapFields(fields, HUGE)) },
  { case: "NUL and emoji", body: (fields) => formBody(mapFields(fields, NUL_AND_EMOJI)) },
  {
    case: "every field twice (an array)",
    body: (fields) => ({
      kind: "multipart",
      parts: [
        ...Object.entries(fields).flatMap(([name, value]): [string, string][] => [
          [`${FORM_PREFIX}${name}`, value],
          [`${FORM_PREFIX}${name}`, "654321"],
        ]),
        ["0", STATE_AND_FORM],
      ],
    }),
  },
  {
    case: "a JSON body instead of a form",
    body: (fields) => ({
      kind: "raw",
      contentType: "application/json",
      body: JSON.stringify(fields),
    }),
  },
  {
    case: "an object instead of the FormData",
    body: (fields) => json([{ status: "idle" }, fields]),
  },
  {
    case: "arrays instead of the FormData",
    body: (fields) => json([[1, 2], Object.entries(fields)]),
  },
  { case: "numbers as arguments", body: () => json([123456, 123456]) },
  { case: "nulls as arguments", body: () => json([null, null]) },
  { case: "no arguments", body: () => json([]) },
  {
    case: "a reference to a FormData that is not there",
    body: (fields) => ({
      kind: "multipart",
      parts: [
        ...Object.entries(fields).map(([n, v]): [string, string] => [`${FORM_PREFIX}${n}`, v]),
        ["0", '[{"status":"idle"},"$K7"]'],
      ],
    }),
  },
  {
    case: "a no-JavaScript form post with the arguments in the wrong order",
    noJs: true,
    body: (fields, id) => ({
      kind: "multipart",
      parts: [[`$ACTION_ID_${id}`, ""], ...Object.entries(mapFields(fields, NUL_AND_EMOJI))],
    }),
  },
];

/**
 * Argument encodings that Next.js's action handler itself cannot decode (before any app code
 * runs); the proxy answers them with a 400 (lib/http/action-arguments.ts).
 */
const undecodableVariants: Variant[] = [
  {
    case: "references to parts and promises that are not there",
    body: () => json([{ status: "$1" }, "$@2"]),
  },
  { case: "a JSON string instead of the argument list", body: () => json("{{not json") },
  { case: "a JSON object instead of the argument list", body: (fields) => json(fields) },
  {
    case: "an argument field that is not JSON",
    body: (fields) => ({
      kind: "multipart",
      parts: [
        ...Object.entries(fields).map(([n, v]): [string, string] => [`${FORM_PREFIX}${n}`, v]),
        ["0", "{{not json"],
      ],
    }),
  },
  {
    case: "form fields without the argument field",
    body: (fields) => ({
      kind: "multipart",
      parts: Object.entries(fields).map(([n, v]): [string, string] => [`${FORM_PREFIX}${n}`, v]),
    }),
  },
];

type SessionKind = "anonymous" | "admin" | "not enrolled" | "enrolled" | "pending";

type Target = {
  action: string;
  session: SessionKind;
  /** Whether a well-formed wrong code counts toward the second-step lock (once per post). */
  countsCodes?: boolean;
  /** The form's field names, with plausible but wrong values. */
  fields: (account: Account & Partial<Enrolment>) => Promise<Record<string, string>>;
};

const wrongCode = (account: Partial<Enrolment>) =>
  account.authenticator ? account.authenticator.wrongCode() : Promise.resolve("000000");

const targets: Target[] = [
  {
    action: "enableTwoFactorAction",
    session: "not enrolled",
    fields: async (account) => ({ password: account.password, code: await wrongCode(account) }),
  },
  {
    action: "regenerateRecoveryCodesAction",
    session: "enrolled",
    countsCodes: true,
    fields: async (account) => ({ code: await wrongCode(account) }),
  },
  {
    action: "disableTwoFactorAction",
    session: "enrolled",
    countsCodes: true,
    fields: async (account) => ({ password: account.password, code: await wrongCode(account) }),
  },
  {
    action: "verifyLoginCodeAction",
    session: "pending",
    countsCodes: true,
    fields: async (account) => ({
      method: "code",
      code: await wrongCode(account),
      recoveryCode: "not-a-recovery-code",
      trustBrowser: "on",
    }),
  },
  {
    action: "saveTwoFactorSettingsAction",
    session: "admin",
    fields: async () => ({
      companyName: "Changed by bad input",
      twoFactorEnabled: "on",
      requireTwoFactor: "EVERYONE",
      gracePeriodDays: "-5",
      trustBrowserDays: "9999",
    }),
  },
  {
    // Only English, Deutsch, Français and Español: anything else is refused, nothing stored.
    action: "saveGeneralSettingsAction",
    session: "admin",
    fields: async () => ({ defaultLanguage: "ja" }),
  },
  {
    action: "startTwoFactorSetupAction",
    session: "enrolled",
    fields: async (account) => ({ code: await wrongCode(account) }),
  },
  {
    // A well-formed name of no browser of this account.
    action: "signOutBrowserAction",
    session: "enrolled",
    fields: async () => ({ browser: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }),
  },
  {
    // A well-formed id of no account.
    action: "signOutEverywhereAction",
    session: "admin",
    fields: async () => ({ userId: "c000000000000000000000000" }),
  },
  {
    // A well-formed id of no account, with plausible details.
    action: "editUserAction",
    session: "admin",
    fields: async () => ({
      userId: "c000000000000000000000000",
      name: "Changed by bad input",
      email: "changed-by-bad-input@example.com",
      role: "ADMIN",
    }),
  },
  {
    // A well-formed id of no account: nothing to unlock, nothing audited or sent.
    action: "unlockAccountAction",
    session: "admin",
    fields: async () => ({ userId: "c000000000000000000000000" }),
  },
  {
    action: "deactivateUserAction",
    session: "admin",
    fields: async () => ({ userId: "c000000000000000000000000" }),
  },
  {
    action: "reactivateUserAction",
    session: "admin",
    fields: async () => ({ userId: "c000000000000000000000000" }),
  },
  {
    // Not an address: refused before it counts against the client's reset requests (which the
    // password-reset spec needs).
    action: "requestPasswordResetAction",
    session: "anonymous",
    fields: async () => ({ email: "not an address" }),
  },
  {
    // A well-formed link of no reset, with a new password and a code.
    action: "resetPasswordAction",
    session: "anonymous",
    fields: async () => ({
      token: "A".repeat(43),
      newPassword: "a new password for nobody",
      method: "code",
      code: "123456",
    }),
  },
  {
    // The right password (a wrong one would count against the address every spec signs in
    // from) and a wrong code.
    action: "startPasskeyRegistrationAction",
    session: "enrolled",
    countsCodes: true,
    fields: async (account) => ({ password: account.password, code: await wrongCode(account) }),
  },
  {
    // A language we do not have (docs/rules.md, "Languages").
    action: "saveLanguageAction",
    session: "admin",
    fields: async () => ({ language: "it" }),
  },
  {
    // A well-formed id of no passkey, with the right password.
    action: "removePasskeyAction",
    session: "enrolled",
    fields: async (account) => ({ id: "c000000000000000000000000", password: account.password }),
  },
];

type Session = {
  account: Account & Partial<Enrolment>;
  request: APIRequestContext;
  close: () => Promise<void>;
};

/** A browser context signed in the way `kind` needs. */
async function openSession(browser: Browser, kind: SessionKind): Promise<Session> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const close = () => context.close();
  if (kind === "anonymous") {
    // Nobody is signed in; the first admin's row is the one whose counters must not move.
    return { account: { ...admin, role: "admin" }, request: context.request, close };
  }
  if (kind === "admin") {
    await signInAs(page, admin, "/backend");
    return { account: { ...admin, role: "admin" }, request: context.request, close };
  }
  if (kind === "not enrolled") {
    const account = await createAccount("customer", "bad-enable");
    await signInAs(page, account, "/customer");
    const authenticator = new Authenticator(secretFromSetupKey(await startSetup(page, account)));
    return { account: { ...account, authenticator }, request: context.request, close };
  }
  const account = await enrolledAccount(page, "customer", `bad-${kind}`);
  if (kind === "pending") {
    await signOut(page);
    await signInToVerify(page, account);
  }
  return { account, request: context.request, close };
}

/** The stored state, without the wrong-code counter of `email` (which wrong codes may count). */
function stateIgnoringWrongCodeCount(email: string): string {
  const state = JSON.parse(storedState()) as { User: Record<string, unknown>[] };
  for (const user of state.User) {
    if (user.email === email.toLowerCase()) {
      delete user.failedCodes;
      delete user.updatedAt;
    }
  }
  return JSON.stringify(state);
}

test.beforeAll(async ({ browser }) => {
  await ensureTwoFactorOn(browser);
});

/** The page each kind of session posts from, as the real forms do. */
const PAGE_OF_SESSION: Record<SessionKind, string> = {
  anonymous: "/login/forgot",
  admin: "/backend/settings/2fa",
  "not enrolled": "/customer/account",
  enrolled: "/customer/account",
  pending: "/login/verify",
};

/**
 * Posts every variant to the target's action with a session of the right kind, and checks:
 * below 500, no stack trace, stored state unchanged (where a code is checked, the account's
 * wrong-code counter may go up by one per post). Returns the session, still open, for a positive control.
 */
async function postVariants(
  browser: Browser,
  baseURL: string,
  target: Target,
  list: Variant[],
  work: (session: Session, path: string, actionId: string) => Promise<void> = async () => {},
) {
  const action = serverActions().find((a) => a.exportedName === target.action);
  expect(action, `${target.action} is in the build's server-action manifest`).toBeDefined();
  const preferred = PAGE_OF_SESSION[target.session];
  const path = action!.pages.includes(preferred) ? preferred : action!.pages[0]!;

  let session = await openSession(browser, target.session);
  try {
    for (const variant of list) {
      // A pending sign-in ends with the fifth wrong code: start another before that happens.
      if (
        target.session === "pending" &&
        Number(storedUser(session.account.email).failedCodes) >= 4
      ) {
        await session.close();
        session = await openSession(browser, "pending");
      }
      const email = session.account.email;
      const fields = await target.fields(session.account);
      const failedBefore = Number(storedUser(email).failedCodes);
      const counted = target.countsCodes === true;
      const before = counted ? stateIgnoringWrongCodeCount(email) : storedState();

      const response = await postAction(
        session.request,
        baseURL,
        path,
        variant.noJs ? null : action!.id,
        variant.body(fields, action!.id),
      );
      const where = `${target.action} at ${path} with ${variant.case}: ${response.status()}`;
      const body = await response.text();
      expect.soft(response.status(), where).toBeLessThan(500);
      expect.soft(body, where).not.toMatch(STACK_TRACE);

      const after = counted ? stateIgnoringWrongCodeCount(email) : storedState();
      expect.soft(after, `${where}: stored state changed`).toEqual(before);
      // A wrong code may count towards the lock, once per post and no more.
      expect
        .soft(Number(storedUser(email).failedCodes) - failedBefore, where)
        .toBeLessThanOrEqual(counted ? 1 : 0);
    }
    await work(session, path, action!.id);
  } finally {
    await session.close();
  }
}

for (const target of targets) {
  // The undecodable encodings go through the same session: one of their own would cost each
  // action another sign-in and enrolment.
  test(`${target.action} answers malformed posts and undecodable encodings without a 5xx and changes nothing`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const all = [...variants, ...undecodableVariants];
    await postVariants(browser, baseURL!, target, all, async (session, path, actionId) => {
      // The same wire format reaches the action: a well-formed post does what the form does.
      if (target.action === "enableTwoFactorAction") {
        const code = await session.account.authenticator!.code();
        const response = await postAction(
          session.request,
          baseURL!,
          path,
          actionId,
          formBody({ password: session.account.password, code }),
        );
        expect(response.status()).toBeLessThan(500);
        expect(storedUser(session.account.email).totpEnabledAt).not.toBeNull();
      }
      if (target.action === "verifyLoginCodeAction") {
        const code = await session.account.authenticator!.code();
        const response = await postAction(
          session.request,
          baseURL!,
          path,
          actionId,
          formBody({ method: "code", code }),
        );
        expect(response.status()).toBeLessThan(500);
        expect(Number(storedUser(session.account.email).failedCodes)).toBe(0);
        const home = await session.request.get("/customer", { maxRedirects: 0 });
        expect(home.status()).toBe(200);
      }
    });
  });
}
