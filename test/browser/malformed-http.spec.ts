import { expect, test } from "@playwright/test";
import { admin } from "../support/browser-accounts";
import { send as sendWithCookie, type FuzzRequest } from "../support/fuzz";
import { opens, signedIn } from "../support/http-flows";
import { STACK_TRACE } from "../support/server-actions";
import { storedState } from "../support/browser-database";

// Requests that next-auth's route handler or Node's HTTP parser answered with a 500 or a reset
// connection (found by test/browser/fuzz.spec.ts): each now gets a 4xx with a one-line message,
// and changes nothing.

/** Sends `request` with no cookie. */
const send = (baseUrl: string, request: FuzzRequest) => sendWithCookie(baseUrl, request, "");

/** A request as test/support/fuzz.ts sends it: every byte as given, no cookie jar. */
function request(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
) {
  return {
    index: 0,
    session: "anonymous",
    method,
    path,
    headers,
    body: body === undefined ? null : Buffer.from(body, "utf8"),
    actions: [],
    credentialsEmails: [],
  } satisfies FuzzRequest;
}

test("next-auth's routes answer a callbackUrl that is no URL with 400, whatever the method", async ({
  baseURL,
}) => {
  const before = storedState();
  for (const [method, path] of [
    ["GET", "/api/auth/signin"],
    ["HEAD", "/api/auth/signout"],
    ["POST", "/api/auth/signout"],
    ["POST", "/api/auth/session"],
    ["GET", "/api/auth/providers"],
  ] as const) {
    for (const callbackUrl of ["toString", "12 34😀56", "javascript:alert(1)"]) {
      const query = new URLSearchParams({ callbackUrl, json: "1.5" });
      const answer = await send(baseURL!, request(method, `${path}?${query}`));
      const where = `${method} ${path}, callbackUrl ${callbackUrl}`;
      expect(answer, where).toMatchObject({ status: 400 });
      if (method !== "HEAD") {
        expect(answer, where).toMatchObject({
          body: "The callbackUrl parameter is not a valid URL.",
        });
      }
    }
  }
  // A repeated parameter: next-auth reads the last one, so an empty first one hides nothing.
  const repeated = await send(
    baseURL!,
    request("POST", "/api/auth/csrf?callbackUrl=&callbackUrl=e%CC%81"),
  );
  expect(repeated).toMatchObject({ status: 400 });
  // The same callback URL in next-auth's cookie.
  const cookie = await send(
    baseURL!,
    request("GET", "/api/auth/session", { cookie: "next-auth.callback-url=%40%40" }),
  );
  expect(cookie).toMatchObject({ status: 400 });
  expect(storedState()).toEqual(before);
});

test("next-auth's routes refuse a JSON body that does not parse, and a GET of the credentials check", async ({
  baseURL,
}) => {
  const before = storedState();
  const multipartAsJson = await send(
    baseURL!,
    request(
      "POST",
      "/api/auth/signout",
      { "content-type": "application/json" },
      '------x\r\nContent-Disposition: form-data; name="csrfToken"\r\n\r\nx\r\n------x--\r\n',
    ),
  );
  expect(multipartAsJson).toEqual({ status: 400, body: "The request body is not valid JSON." });

  for (const origin of ["null", baseURL!]) {
    const get = await send(baseURL!, request("GET", "/api/auth/callback/credentials", { origin }));
    expect(get, `Origin ${origin}`).toEqual({
      status: 405,
      body: "Sign in with the form on the sign-in page.",
    });
  }

  // A callbackUrl in the body went through next-auth's redirect callback, which threw on one
  // that is no URL: it is refused before next-auth reads the rest.
  const signIn = await send(
    baseURL!,
    request(
      "POST",
      "/api/auth/signin/credentials",
      { "content-type": "application/x-www-form-urlencoded", origin: baseURL! },
      new URLSearchParams({ callbackUrl: "toString", csrfToken: "x" }).toString(),
    ),
  );
  expect(signIn).toEqual({ status: 400, body: "The callbackUrl field is not a valid URL." });
  expect(storedState()).toEqual(before);
});

test("a request whose headers exceed Node's limit gets 431, also while its body is still arriving", async ({
  baseURL,
}) => {
  const longQuery = `?q=${"x".repeat(100_000)}`;
  for (const [method, body] of [
    ["GET", undefined],
    ["HEAD", undefined],
    ["POST", "y".repeat(40_000)],
    ["PUT", "y".repeat(300)],
  ] as const) {
    // Several times: a reset in place of the answer was a matter of timing.
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await send(
        baseURL!,
        request(method, `/api/auth/csrf${longQuery}`, { "content-type": "text/plain" }, body),
      );
      expect(answer, `${method} #${attempt + 1}`).toMatchObject({ status: 431 });
    }
  }
  const health = await send(baseURL!, request("GET", "/api/health"));
  expect(health).toMatchObject({ status: 200 });
  if ("body" in health) expect(health.body).not.toMatch(STACK_TRACE);
});

test("a sign-out whose callbackUrl field is no URL gets 400 and leaves the browser signed in", async ({
  baseURL,
}) => {
  const client = await signedIn(baseURL!, { ...admin, lastStep: null });
  expect(await opens(client, "/backend"), "signed in").toBe(true);
  const { csrfToken } = JSON.parse((await client.request("GET", "/api/auth/csrf")).text()) as {
    csrfToken: string;
  };
  for (const [contentType, body] of [
    [
      "application/x-www-form-urlencoded",
      new URLSearchParams({ csrfToken, callbackUrl: "9999", json: "true" }).toString(),
    ],
    ["application/json", JSON.stringify({ csrfToken, callbackUrl: { href: "/" } })],
  ] as const) {
    const answer = await client.request("POST", "/api/auth/signout", {
      headers: { "content-type": contentType, origin: baseURL! },
      body,
    });
    expect(answer.status, contentType).toBe(400);
    expect(answer.text(), contentType).toBe("The callbackUrl field is not a valid URL.");
  }
  expect(await opens(client, "/backend"), "still signed in").toBe(true);
});

test("a router request whose router state header does not parse gets 400 on any path", async ({
  baseURL,
}) => {
  for (const path of ["/api/auth/%2e%2e/%2e%2e/health", "/login", "/no-such-page"]) {
    for (const method of ["GET", "HEAD", "DELETE"]) {
      for (const tree of ["not json", "%5B", "x".repeat(4000)]) {
        const answer = await send(
          baseURL!,
          request(method, path, { rsc: "1", "next-router-state-tree": tree }),
        );
        expect(answer, `${method} ${path}, tree ${tree.slice(0, 10)}`).toMatchObject({
          status: 400,
        });
      }
    }
  }
});

test("a path whose percent-encoding does not decode gets 400, for a page and for the router", async ({
  baseURL,
}) => {
  // Next.js decodes a dynamic segment with decodeURIComponent and answers these with a 500.
  for (const path of ["/login/reset/%E0%A4%A", "/login/reset/%ff", "/backend/users/%E0%A4%A"]) {
    for (const headers of [{}, { rsc: "1" }] as Record<string, string>[]) {
      const answer = await send(baseURL!, request("GET", path, headers));
      expect(answer, `${path} ${JSON.stringify(headers)}`).toMatchObject({
        status: 400,
        body: "The address could not be read.",
      });
    }
  }
});
