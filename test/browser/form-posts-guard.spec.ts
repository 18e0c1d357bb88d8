import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { asAdmin } from "../support/admin-browser";
import { admin } from "../support/browser-accounts";
import { storedState } from "../support/browser-database";
import {
  serverActions,
  FORM_PREFIX,
  formBody,
  postAction,
  STACK_TRACE,
  type ActionBody,
} from "../support/server-actions";

// Posts that Next.js would parse at length, or answer with a 500, are turned away before it reads
// them (server.ts and the proxy): a form of too many fields, an action this build does not have,
// a prefetch header, and form posts with no action at all. Each is sent by a signed-in admin to
// the settings form, so only the request is wrong.

const SETTINGS_PAGE = "/backend/settings/2fa";
const UNKNOWN_ACTION_ID = `00${"ab".repeat(20)}`;

// The settings form's fields with values it refuses (a negative grace period): a post that gets
// through changes nothing either.
const settingsFields = {
  companyName: "Changed by a bad post",
  twoFactorEnabled: "on",
  requireTwoFactor: "EVERYONE",
  gracePeriodDays: "-5",
  trustBrowserDays: "9999",
};

function saveSettingsActionId(): string {
  const action = serverActions().find((a) => a.exportedName === "saveTwoFactorSettingsAction");
  expect(
    action,
    "saveTwoFactorSettingsAction is in the build's server-action manifest",
  ).toBeDefined();
  return action!.id;
}

/** Runs `work` with the request context of the first admin's browser (admin-browser.ts). */
function asSignedInAdmin(browser: Browser, work: (request: APIRequestContext) => Promise<void>) {
  return asAdmin(browser, (page) => work(page.request));
}

/** The settings form as a browser without JavaScript posts it: no Next-Action header, the action
 * named by a field of the form. */
function noJavaScriptSettingsForm(actionId: string): ActionBody {
  return {
    kind: "multipart",
    parts: [[`$ACTION_ID_${actionId}`, ""], ...Object.entries(settingsFields)],
  };
}

/** The settings form's fields, `extra` more fields, and the argument field. */
function settingsFormWith(extra: number): ActionBody {
  const fields = { ...settingsFields };
  for (let i = 0; i < extra; i++) Object.assign(fields, { [`extra${i}`]: "x" });
  return formBody(fields);
}

test("a form of more than 64 fields is refused with 413, with or without an action, and changes nothing", async ({
  browser,
  baseURL,
}) => {
  const actionId = saveSettingsActionId();
  await asSignedInAdmin(browser, async (request) => {
    const before = storedState();
    // 100 fields of one byte: far below the 1 MB limit, far above any form of the app.
    const tooMany = await postAction(
      request,
      baseURL!,
      SETTINGS_PAGE,
      actionId,
      settingsFormWith(100),
    );
    expect(tooMany.status()).toBe(413);
    expect(await tooMany.text()).toBe("The form has too many fields.");

    const noAction = await postAction(request, baseURL!, "/login", null, settingsFormWith(100));
    expect(noAction.status()).toBe(413);

    // The limit leaves room: the form with its own fields and a few more still reaches the action.
    const within = await postAction(
      request,
      baseURL!,
      SETTINGS_PAGE,
      actionId,
      settingsFormWith(50),
    );
    expect(within.status()).toBeLessThan(400);
    expect(within.headers()["content-type"], "an action's answer").toContain("text/x-component");
    expect(storedState()).toEqual(before);
  });
});

// Next.js answers a post to an action id its build lacks itself (16.5: 409 with the header its
// client reads as "reload the page"), without reading the body; a body Next.js could not read is
// the proxy's 400 first. Neither is a 5xx, and no action runs.
test("a post to an action this build does not have gets a 4xx, never a 5xx, and changes nothing", async ({
  browser,
  baseURL,
}) => {
  const before = storedState();
  await asSignedInAdmin(browser, async (request) => {
    for (const actionId of [UNKNOWN_ACTION_ID, "zz", `${saveSettingsActionId()}0`]) {
      const where = `action id ${actionId}`;
      const form = await postAction(
        request,
        baseURL!,
        SETTINGS_PAGE,
        actionId,
        formBody(settingsFields),
      );
      if (!/^[0-9a-f]{42}$/.test(actionId)) {
        // Not an action id's shape: Next.js's 400.
        expect(form.status(), `${where}, form body`).toBe(400);
      } else {
        expect(form.status(), `${where}, form body`).toBe(409);
        expect(form.headers()["x-nextjs-action-not-found"], where).toBe("1");
      }
      expect(await form.text(), where).not.toMatch(STACK_TRACE);
      const raw = { kind: "raw", contentType: "text/plain", body: "{{not json" } as const;
      const garbage = await postAction(request, baseURL!, SETTINGS_PAGE, actionId, raw);
      expect(garbage.status(), `${where}, raw body`).toBeGreaterThanOrEqual(400);
      expect(garbage.status(), `${where}, raw body`).toBeLessThan(500);
      expect(await garbage.text(), where).not.toMatch(STACK_TRACE);
    }
  });
  expect(storedState()).toEqual(before);
});

test("an RSC or next-router-prefetch header does not take a malformed post around the checks", async ({
  browser,
  baseURL,
}) => {
  const actionId = saveSettingsActionId();
  await asSignedInAdmin(browser, async (request) => {
    const before = storedState();
    const malformed: ActionBody[] = [
      { kind: "raw", contentType: "text/plain;charset=UTF-8", body: '[{"status":"$1"},"$@2"]' },
      {
        kind: "multipart",
        parts: [
          ...Object.entries(settingsFields).map(([n, v]): [string, string] => [
            `${FORM_PREFIX}${n}`,
            v,
          ]),
          ["0", "{{not json"],
        ],
      },
    ];
    // The router's own headers, which the proxy's matcher looks at (proxy.ts).
    const routerHeaders: Record<string, string>[] = [
      { "next-router-prefetch": "1" },
      { rsc: "1" },
      { rsc: "1", "next-router-prefetch": "1" },
    ];
    for (const headers of routerHeaders) {
      const where = (kind: string) => `${kind} with ${Object.keys(headers).join(", ")}`;
      for (const body of malformed) {
        const response = await postAction(
          request,
          baseURL!,
          SETTINGS_PAGE,
          actionId,
          body,
          headers,
        );
        expect(response.status(), where(body.kind)).toBe(400);
        expect(await response.text(), where(body.kind)).not.toMatch(STACK_TRACE);
      }
      // A form post with no action, of too many fields, is turned away as without the header.
      const noAction = await postAction(
        request,
        baseURL!,
        "/login",
        null,
        settingsFormWith(100),
        headers,
      );
      expect(noAction.status(), where("form without an action")).toBe(413);
    }
    expect(storedState()).toEqual(before);
  });
});

test("form posts without an action to /login, /backend/account and a passkey route never get a 5xx", async ({
  browser,
  baseURL,
}) => {
  const fields = Object.entries({ email: admin.email, password: "wrong" });
  const bodies: [string, ActionBody][] = [
    ["a multipart form", { kind: "multipart", parts: fields }],
    [
      "a multipart body that does not parse",
      { kind: "raw", contentType: "multipart/form-data; boundary=x", body: "garbage" },
    ],
    [
      "a multipart body with no boundary",
      { kind: "raw", contentType: "multipart/form-data", body: "garbage" },
    ],
    [
      "a URL-encoded form",
      {
        kind: "raw",
        contentType: "application/x-www-form-urlencoded",
        body: new URLSearchParams(fields).toString(),
      },
    ],
    [
      "a URL-encoded form with a charset",
      {
        kind: "raw",
        contentType: "application/x-www-form-urlencoded;charset=UTF-8",
        body: "a=%zz",
      },
    ],
    ["a 2 MB multipart form", { kind: "multipart", parts: [["big", "x".repeat(2 * 1024 * 1024)]] }],
  ];
  await asSignedInAdmin(browser, async (request) => {
    const before = storedState();
    for (const path of ["/login", "/backend/account", "/api/passkeys/registration"]) {
      for (const [name, body] of bodies) {
        const response = await postAction(request, baseURL!, path, null, body);
        const where = `${name} to ${path}: ${response.status()}`;
        expect.soft(response.status(), where).toBeLessThan(500);
        expect.soft(await response.text(), where).not.toMatch(STACK_TRACE);
      }
    }
    expect(storedState()).toEqual(before);
  });
});

test("a server-action post from another site or from Origin null gets 403 and changes nothing, with or without JavaScript", async ({
  browser,
  baseURL,
}) => {
  const actionId = saveSettingsActionId();
  const noJavaScriptForm = noJavaScriptSettingsForm(actionId);
  await asSignedInAdmin(browser, async (request) => {
    const before = storedState();
    for (const origin of ["null", "https://evil.example", "not a url"]) {
      const cases: [string, string | null, ActionBody][] = [
        ["with JavaScript", actionId, formBody(settingsFields)],
        ["without JavaScript", null, noJavaScriptForm],
      ];
      for (const [name, id, body] of cases) {
        const response = await postAction(request, baseURL!, SETTINGS_PAGE, id, body, {
          Origin: origin,
        });
        const where = `Origin ${origin}, ${name}`;
        expect(response.status(), where).toBe(403);
        expect(await response.text(), where).toBe(
          "This form was sent from another site. Open the page on this site and try again.",
        );
      }
    }
    expect(storedState()).toEqual(before);
  });
});

test("a client's X-Forwarded-Host neither breaks a same-site action post nor lets another site's through", async ({
  browser,
  baseURL,
}) => {
  const actionId = saveSettingsActionId();
  await asSignedInAdmin(browser, async (request) => {
    const before = storedState();
    const forwarded = { "x-forwarded-host": "evil.example", "x-forwarded-port": "443" };
    // The settings form refuses its values: the action answers with its messages.
    const sameSite = await postAction(
      request,
      baseURL!,
      SETTINGS_PAGE,
      actionId,
      formBody(settingsFields),
      forwarded,
    );
    expect(sameSite.status()).toBe(200);
    expect(sameSite.headers()["content-type"]).toContain("text/x-component");
    const claimed = await postAction(
      request,
      baseURL!,
      SETTINGS_PAGE,
      actionId,
      formBody(settingsFields),
      { ...forwarded, Origin: "https://evil.example" },
    );
    expect(claimed.status()).toBe(403);
    expect(storedState()).toEqual(before);
  });
});

test("an action's form that Next.js's parser cannot read, or with more than 1000 arguments, gets 400", async ({
  browser,
  baseURL,
}) => {
  const actionId = saveSettingsActionId();
  const bodies: [string, ActionBody][] = [
    [
      "a control character in a field name",
      {
        kind: "multipart",
        parts: [
          [`${FORM_PREFIX}\u0019company\tName`, "x"],
          ["0", '[{"status":"idle"},"$K1"]'],
        ],
      },
    ],
    [
      "1001 arguments",
      { kind: "raw", contentType: "text/plain;charset=UTF-8", body: `[${Array(1001).fill(1)}]` },
    ],
  ];
  await asSignedInAdmin(browser, async (request) => {
    const before = storedState();
    for (const [name, body] of bodies) {
      const response = await postAction(request, baseURL!, SETTINGS_PAGE, actionId, body);
      expect(response.status(), name).toBe(400);
      expect(await response.text(), name).not.toMatch(STACK_TRACE);
    }
    expect(storedState()).toEqual(before);
  });
});

test("a form posted without JavaScript, or any page asked for with a Next-Action header, is answered under the strict CSP, its scripts carrying the nonce", async ({
  browser,
  baseURL,
}) => {
  const actionId = saveSettingsActionId();
  await asSignedInAdmin(browser, async (request) => {
    const before = storedState();
    // The settings form refuses its values: the page is rendered again with the messages.
    const response = await postAction(
      request,
      baseURL!,
      SETTINGS_PAGE,
      null,
      noJavaScriptSettingsForm(actionId),
      { Accept: "text/html" },
    );
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/html");
    const csp = response.headers()["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(csp, "the document's CSP").toContain("script-src 'self' 'nonce-");
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);

    // A `Next-Action` header on what Next.js still answers with a page (a GET, a URL-encoded
    // post) takes nothing off that page's CSP.
    const pages = [
      await request.get(SETTINGS_PAGE, { headers: { "Next-Action": actionId } }),
      await request.post(SETTINGS_PAGE, {
        headers: {
          "Next-Action": actionId,
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: baseURL!,
        },
        data: "companyName=x",
        maxRedirects: 0,
        failOnStatusCode: false,
      }),
    ];
    for (const page of pages) {
      const where = `${page.url()}: ${page.status()}`;
      expect(page.headers()["content-type"], where).toContain("text/html");
      expect(page.headers()["content-security-policy"], where).toMatch(/script-src 'self' 'nonce-/);
    }

    // The same form sent by the page's JavaScript is answered with RSC data, not a document.
    const fetched = await postAction(
      request,
      baseURL!,
      SETTINGS_PAGE,
      actionId,
      formBody(settingsFields),
    );
    expect(fetched.status()).toBe(200);
    expect(fetched.headers()["content-type"]).toContain("text/x-component");
    expect(storedState()).toEqual(before);
  });
});
