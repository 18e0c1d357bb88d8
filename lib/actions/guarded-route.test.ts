import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { CurrentSession } from "@/lib/auth/session";

// The route builder's decisions with the session stubbed: who is turned away with which status,
// what input reaches the handler, and what an unexpected failure looks like from outside.
const current = vi.hoisted(() => ({
  session: null as CurrentSession | null,
  reads: 0,
  locale: "en",
}));
// The request's language, as next-intl's request configuration (i18n/request.ts) would choose it.
vi.mock("next-intl/server", () => ({ getLocale: async () => current.locale }));
vi.mock("@/lib/auth/session", () => ({
  getSession: async () => {
    current.reads += 1;
    return current.session;
  },
}));
vi.mock("next/navigation", () => ({ unstable_rethrow: () => {} }));

const { guardedRoute, isGuardedRoute, answer, refuse } = await import("./guarded-route");
const { failure } = await import("@/lib/failures/failure");

const ORIGIN = "http://localhost:3999";

function sessionOf(stage: CurrentSession["stage"], role = "CUSTOMER"): CurrentSession {
  return { signInId: `s-${stage}`, stage, user: { id: "u1", role } as CurrentSession["user"] };
}

function post(body: string, headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}/api/x`, {
    method: "POST",
    body,
    headers: { origin: ORIGIN, "content-type": "application/json", ...headers },
  });
}

async function outcome(response: Response) {
  return { status: response.status, body: await response.json() };
}

const echo = guardedRoute(
  { caller: "signed-in", input: z.object({ name: z.string().max(5) }) },
  async (input, { session }) => answer({ input, user: session.user.id }),
);

beforeEach(() => {
  vi.stubEnv("NEXTAUTH_URL", ORIGIN);
  current.session = sessionOf("COMPLETE");
  current.reads = 0;
  current.locale = "en";
});

describe("guardedRoute", () => {
  it("hands a valid body from this origin to the handler, with the session", async () => {
    expect(await outcome(await echo(post('{"name":"ada"}'), {}))).toEqual({
      status: 200,
      body: { input: { name: "ada" }, user: "u1" },
    });
  });

  it("turns callers away by their sign-in: 401 signed out, 403 at another stage or role", async () => {
    current.session = null;
    expect((await echo(post('{"name":"ada"}'), {})).status).toBe(401);
    current.session = sessionOf("AWAITING_CODE");
    expect(await outcome(await echo(post('{"name":"ada"}'), {}))).toEqual({
      status: 403,
      body: { error: "Finish signing in first.", code: "finish_signing_in_first" },
    });
    const adminOnly = guardedRoute({ caller: "admin", input: "none" }, async () => answer({}));
    current.session = sessionOf("COMPLETE", "CUSTOMER");
    expect((await adminOnly(post(""), {})).status).toBe(403);
    const waiting = guardedRoute({ caller: "pending-code", input: "none" }, async () => answer({}));
    expect(await outcome(await waiting(post(""), {}))).toEqual({
      status: 403,
      body: { error: "No sign-in is waiting for this.", code: "no_waiting_sign_in" },
    });
  });

  it("refuses another origin, a body that is not JSON, and one the schema refuses, with a 4xx", async () => {
    const cases: [Request, number][] = [
      [post('{"name":"ada"}', { origin: "http://evil.example" }), 403],
      [post('{"name":"ada"}', { "content-type": "text/plain" }), 400],
      [post("{not json"), 400],
      [post("[]"), 400],
      [post('{"name":"far too long"}'), 400],
      [post('{"name":7}'), 400],
    ];
    for (const [request, status] of cases) expect((await echo(request, {})).status).toBe(status);
  });

  it("answers a refusal in the request's language, with the same code", async () => {
    current.locale = "de";
    current.session = null;
    expect(await outcome(await echo(post('{"name":"ada"}'), {}))).toEqual({
      status: 401,
      body: { error: "Melden Sie sich zuerst an.", code: "sign_in_first" },
    });
    current.locale = "fr";
    current.session = sessionOf("COMPLETE");
    expect(await outcome(await echo(post("{not json"), {}))).toEqual({
      status: 400,
      body: { error: "La requête n’a pas pu être lue.", code: "request_unreadable" },
    });
    const refusing = guardedRoute({ caller: "anyone", input: "none" }, async () =>
      refuse(404, failure("not_locked_out", { params: { email: "ana@example.com" } })),
    );
    current.locale = "es";
    expect(await outcome(await refusing(post(""), {}))).toEqual({
      status: 404,
      body: { error: "La cuenta ana@example.com no está bloqueada.", code: "not_locked_out" },
    });
  });

  it("never reads the session for a route anyone may call", async () => {
    const open = guardedRoute({ caller: "anyone", input: "none" }, async (_, { session }) =>
      answer({ session }),
    );
    expect(await outcome(await open(new Request(`${ORIGIN}/api/x`), {}))).toEqual({
      status: 200,
      body: { session: null },
    });
    expect(current.reads).toBe(0);
  });

  it("answers an unexpected failure with a generic 500 that names nothing inside", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing = guardedRoute({ caller: "anyone", input: "none" }, async () => {
      throw new Error("database password is hunter2");
    });
    const response = await failing(new Request(`${ORIGIN}/api/x`), {});
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("hunter2");
    expect(errors.mock.calls.flat().join(" ")).not.toContain("hunter2");
    errors.mockRestore();
  });

  it("marks what it makes, so the manifest test can tell", () => {
    expect(isGuardedRoute(echo)).toBe(true);
    expect(isGuardedRoute(async () => new Response())).toBe(false);
  });
});
