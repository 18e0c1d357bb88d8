import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, test } from "../support/admin-fixture";
import { admin, accountPage, dashboardUrl } from "../support/browser-accounts";
import { storedState, storedUser, trustedBrowsersOf } from "../support/browser-database";
import {
  captureNextAction,
  multipartBody,
  type CapturedAction,
  type Part,
  STACK_TRACE,
} from "../support/server-actions";
import { newPage, signInToVerify, verifyWithCode } from "../support/sign-in";
import { enrolledAccount, enrolledWithoutBrowser } from "../support/two-factor";
import { applySettings } from "../support/two-factor-settings";
import { openUsersList, userRow } from "../support/users";

// docs/rules.md, rule 15 for the admin operations' server actions: resetTwoFactorAction
// (app/(backend)/backend/users/actions.ts) and revokeTrustedBrowserAction
// (components/two-factor/actions.ts). A real submission of each is captured from the browser;
// then its wire format is replayed with missing fields, wrong types, 100,000-character values
// and another account's ids. None may answer 5xx, show a stack trace or change the database;
// a well-formed replay (the positive control) must change it, so the replays are known to
// reach the action.

test.describe.configure({ timeout: 120_000 });

const DROPPED_HEADERS = new Set([
  "cookie",
  "content-type",
  "content-length",
  "host",
  "connection",
  "accept-encoding",
  "user-agent",
]);

/** Replays a captured action with another body, with the cookies of `request`'s context. */
function replay(
  request: APIRequestContext,
  captured: CapturedAction,
  body: { contentType: string; data: Buffer | string },
): Promise<APIResponse> {
  const headers = Object.fromEntries(
    Object.entries(captured.headers).filter(
      ([name]) => !DROPPED_HEADERS.has(name.toLowerCase()) && !name.startsWith(":"),
    ),
  );
  headers["content-type"] = body.contentType;
  return request.post(captured.url, {
    headers,
    data: body.data,
    maxRedirects: 0,
    failOnStatusCode: false,
  });
}

/** The captured fields with the field named `*<name>` replaced (or removed when `value` is null). */
function withField(captured: CapturedAction, name: string, value: string | Part | null): Part[] {
  const target = fieldName(captured, name);
  return captured.fields.flatMap(([field, original]): Part[] => {
    if (field !== target) return [{ name: field, value: original }];
    if (value === null) return [];
    return [typeof value === "string" ? { name: field, value } : { ...value, name: field }];
  });
}

function fieldName(captured: CapturedAction, name: string): string {
  const found = captured.fields.find(([field]) => field === name || field.endsWith(`_${name}`));
  if (!found) throw new Error(`No field ${name} in ${JSON.stringify(captured.fields)}`);
  return found[0];
}

/** The value posted in the field named `*<name>`. */
function fieldValue(captured: CapturedAction, name: string): string {
  const target = fieldName(captured, name);
  return captured.fields.find(([field]) => field === target)![1];
}

/** The JSON argument list (field "0") of a captured form submission. */
function argumentsField(captured: CapturedAction): string {
  const found = captured.fields.find(([field]) => field === "0");
  if (!found) throw new Error(`No argument field in ${JSON.stringify(captured.fields)}`);
  return found[1];
}

async function expectRefusedWithoutChange(
  label: string,
  send: () => Promise<APIResponse>,
): Promise<{ response: APIResponse; body: string }> {
  const before = storedState({ signIns: true });
  const response = await send();
  const body = await response.text();
  expect(response.status(), `${label}: status`).toBeLessThan(500);
  expect(body, `${label}: no stack trace`).not.toMatch(STACK_TRACE);
  expect(storedState({ signIns: true }), `${label}: the database must not change`).toBe(before);
  return { response, body };
}

/** A signed-out post is sent to /login. */
function expectSentToLogin(label: string, response: APIResponse) {
  expect([303, 307, 308], `${label}: status`).toContain(response.status());
  expect(response.headers()["location"] ?? "", label).toMatch(/^(https?:\/\/[^/]+)?\/login\b/);
}

const LONG = "a".repeat(100_000);
const LONG_UNICODE = "é😀".repeat(33_334).slice(0, 100_000);

test("malformed posts to resetTwoFactorAction and revokeTrustedBrowserAction change nothing", async ({
  adminPage,
  browser,
}) => {
  await applySettings(adminPage, { enabled: true, trustDays: 30 });

  // Two customers with a trusted browser each: the victim and the attacker.
  const withTrustedBrowser = async (prefix: string) => {
    const { context, page } = await newPage(browser);
    const account = await enrolledWithoutBrowser("customer", prefix);
    await signInToVerify(page, account);
    await verifyWithCode(page, account.authenticator, { trustBrowser: true });
    await expect(page).toHaveURL(dashboardUrl("customer"));
    const id = String(storedUser(account.email).id);
    const browsers = trustedBrowsersOf(id);
    expect(browsers).toHaveLength(1);
    return { account, id, browserId: String(browsers[0]!.id), context, page };
  };
  const victim = await withTrustedBrowser("victim");
  const attacker = await withTrustedBrowser("attacker");
  const adminId = String(storedUser(admin.email).id);

  // Capture a real "Revoke" (the attacker's own browser).
  await attacker.page.goto(accountPage("customer"));
  const revokeCapture = captureNextAction(attacker.page);
  await attacker.page.getByRole("button", { name: /^Revoke\b/ }).click();
  await expect(attacker.page.getByText("No browser skips the code step.")).toBeVisible();
  const revoke = await revokeCapture();
  expect(trustedBrowsersOf(attacker.id)).toHaveLength(0);
  expect(fieldValue(revoke, "id"), "the revoke posts the browser's id").toBe(attacker.browserId);

  // Capture a real reset (of a throwaway customer).
  // Enrolled: "Reset two-factor" is offered only to an account with a second factor.
  const other = await newPage(browser);
  const throwaway = await enrolledAccount(other.page, "customer", "throwaway");
  await other.context.close();
  await openUsersList(adminPage, throwaway.email);
  const row = userRow(adminPage, throwaway.email);
  await row.getByRole("button", { name: "Reset two-factor", exact: true }).click();
  const resetCapture = captureNextAction(adminPage);
  await row.getByRole("button", { name: "Reset two-factor", exact: true }).click();
  await expect(
    adminPage.getByText(`Two-factor authentication reset for ${throwaway.email}.`),
  ).toBeVisible();
  const reset = await resetCapture();
  expect(fieldValue(reset, "userId"), "the reset posts the account's id").toBe(
    String(storedUser(throwaway.email).id),
  );

  const anonymous = await browser.newContext();
  const asAttacker = attacker.context.request;
  const asVictim = victim.context.request;
  const asAdmin = adminPage.context().request;

  // --- revokeTrustedBrowserAction -----------------------------------------------------------
  const revokeCases: [string, APIRequestContext, Part[] | { contentType: string; data: string }][] =
    [
      ["revoke: missing id", asAttacker, withField(revoke, "id", null)],
      ["revoke: empty id", asAttacker, withField(revoke, "id", "")],
      [
        "revoke: id as a file",
        asAttacker,
        withField(revoke, "id", { name: "", value: victim.browserId, filename: "id.txt" }),
      ],
      ["revoke: 100,000-character id", asAttacker, withField(revoke, "id", LONG)],
      ["revoke: 100,000-character unicode id", asAttacker, withField(revoke, "id", LONG_UNICODE)],
      [
        "revoke: arguments without a form",
        asAttacker,
        [{ name: "0", value: JSON.stringify([{ id: victim.browserId }]) }],
      ],
      [
        "revoke: a number instead of a form",
        asAttacker,
        { contentType: "text/plain;charset=UTF-8", data: "[42]" },
      ],
      [
        "revoke: JSON body with the victim's id",
        asAttacker,
        {
          contentType: "text/plain;charset=UTF-8",
          data: JSON.stringify([{ id: victim.browserId }]),
        },
      ],
      [
        "revoke: another account's browser id",
        asAttacker,
        withField(revoke, "id", victim.browserId),
      ],
      [
        "revoke: another account's browser id, by an admin",
        asAdmin,
        withField(revoke, "id", victim.browserId),
      ],
      [
        "revoke: another account's browser id, signed out",
        anonymous.request,
        withField(revoke, "id", victim.browserId),
      ],
    ];
  for (const [label, request, body] of revokeCases) {
    const { response } = await expectRefusedWithoutChange(label, () =>
      replay(request, revoke, Array.isArray(body) ? multipartBody(body) : body),
    );
    if (request === anonymous.request) expectSentToLogin(label, response);
  }
  expect(trustedBrowsersOf(victim.id)).toHaveLength(1);

  // Positive control: the victim revoking its own browser with the same wire format works.
  {
    const response = await replay(
      asVictim,
      revoke,
      multipartBody(withField(revoke, "id", victim.browserId)),
    );
    expect(response.status()).toBeLessThan(500);
    expect(trustedBrowsersOf(victim.id)).toHaveLength(0);
  }

  // --- resetTwoFactorAction -----------------------------------------------------------------
  const resetArgs = argumentsField(reset);
  const resetCases: [string, APIRequestContext, Part[] | { contentType: string; data: string }][] =
    [
      ["reset: missing userId", asAdmin, withField(reset, "userId", null)],
      ["reset: empty userId", asAdmin, withField(reset, "userId", "")],
      [
        "reset: userId as a file",
        asAdmin,
        withField(reset, "userId", { name: "", value: victim.id, filename: "id.txt" }),
      ],
      ["reset: 100,000-character userId", asAdmin, withField(reset, "userId", LONG)],
      [
        "reset: 100,000-character unicode userId",
        asAdmin,
        withField(reset, "userId", LONG_UNICODE),
      ],
      [
        "reset: an unknown userId",
        asAdmin,
        withField(reset, "userId", "cnotanaccount000000000000"),
      ],
      ["reset: the admin's own id", asAdmin, withField(reset, "userId", adminId)],
      [
        "reset: the victim's id with SQL-ish text",
        asAdmin,
        withField(reset, "userId", `${victim.id}' OR '1'='1`),
      ],
      [
        "reset: arguments without a form",
        asAdmin,
        [{ name: "0", value: JSON.stringify([{ status: "idle" }, { userId: victim.id }]) }],
      ],
      [
        "reset: a number instead of a form",
        asAdmin,
        { contentType: "text/plain;charset=UTF-8", data: "[null,42]" },
      ],
      [
        "reset: JSON body with the victim's id",
        asAdmin,
        {
          contentType: "text/plain;charset=UTF-8",
          data: JSON.stringify([{ status: "idle" }, { userId: victim.id }]),
        },
      ],
      [
        "reset: another account's id, by a customer",
        asAttacker,
        withField(reset, "userId", victim.id),
      ],
      [
        "reset: another account's id, signed out",
        anonymous.request,
        withField(reset, "userId", victim.id),
      ],
    ];
  expect(resetArgs).toContain("$K1");
  for (const [label, request, body] of resetCases) {
    const { response, body: text } = await expectRefusedWithoutChange(label, () =>
      replay(request, reset, Array.isArray(body) ? multipartBody(body) : body),
    );
    if (request === anonymous.request) expectSentToLogin(label, response);
    else if (request === asAttacker) expect(response.status(), label).toBe(403);
    // The admin is told what went wrong (the action's error state).
    else expect(text, label).toMatch(/"status":"error","message":"[^"]+"/);
  }
  expect(storedUser(victim.account.email).totpEnabledAt).not.toBeNull();

  // Positive control: the admin's well-formed replay resets the victim.
  {
    const response = await replay(
      asAdmin,
      reset,
      multipartBody(withField(reset, "userId", victim.id)),
    );
    expect(response.status()).toBeLessThan(500);
    expect(await response.text()).toContain(
      `Two-factor authentication reset for ${victim.account.email}.`,
    );
    expect(storedUser(victim.account.email).totpEnabledAt).toBeNull();
  }

  // The pages still render normally after all of this.
  await openUsersList(adminPage, victim.account.email);
  await expect(
    userRow(adminPage, victim.account.email).getByText("Not set up", { exact: true }),
  ).toBeVisible();

  await anonymous.close();
  await victim.context.close();
  await attacker.context.close();
});
