import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signInWithCredentials } from "./credentials-sign-in";
import { signInRefusalError } from "@/lib/sign-in/refusal";

// next-auth's answers to a JSON credentials post, as its handler sends them.
const ORIGIN = "http://127.0.0.1:3000";
const signedIn = { url: `${ORIGIN}/customer/campaigns?page=2` };
const refused = (error: string) => ({
  url: `${ORIGIN}/api/auth/error?error=${encodeURIComponent(error)}`,
});
const csrfRetry = { url: `${ORIGIN}/api/auth/signin?csrf=true` };

function serve(answers: object[]) {
  const requests: { url: string; body: URLSearchParams | null }[] = [];
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    const body = init?.body instanceof URLSearchParams ? init.body : null;
    requests.push({ url, body });
    const answer = url === "/api/auth/csrf" ? { csrfToken: "token-1" } : answers.shift();
    return new Response(JSON.stringify(answer), { status: 200 });
  });
  vi.stubGlobal("fetch", fetchMock);
  return requests;
}

beforeEach(() => {
  vi.stubGlobal("window", { location: { href: `${ORIGIN}/login`, origin: ORIGIN } });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("signInWithCredentials", () => {
  it("posts the credentials with a fresh CSRF token and reports success with where to go", async () => {
    const requests = serve([signedIn]);
    expect(await signInWithCredentials("ann@example.com", "a long password")).toEqual({
      ok: true,
      destination: "/customer/campaigns?page=2",
    });
    expect(requests.map((r) => r.url)).toEqual([
      "/api/auth/csrf",
      "/api/auth/callback/credentials",
    ]);
    const body = requests[1]!.body!;
    expect(body.get("email")).toBe("ann@example.com");
    expect(body.get("password")).toBe("a long password");
    expect(body.get("csrfToken")).toBe("token-1");
    expect(body.get("json")).toBe("true");
  });

  it("names no destination when the answer is /login itself or another origin", async () => {
    serve([{ url: `${ORIGIN}/login?next=%2Fcustomer` }]);
    expect(await signInWithCredentials("ann@example.com", "pw")).toEqual({
      ok: true,
      destination: null,
    });
    serve([{ url: "https://elsewhere.example/customer" }]);
    expect(await signInWithCredentials("ann@example.com", "pw")).toEqual({
      ok: true,
      destination: null,
    });
  });

  it("reads the refusal: a wrong password, the throttle with its wait, a deactivated account, or anything else", async () => {
    serve([refused("CredentialsSignin")]);
    expect(await signInWithCredentials("ann@example.com", "wrong")).toEqual({
      ok: false,
      refusal: { code: "wrong_credentials" },
    });
    serve([refused(signInRefusalError({ code: "throttled", retryAfterSeconds: 840 }))]);
    expect(await signInWithCredentials("ann@example.com", "wrong")).toEqual({
      ok: false,
      refusal: { code: "sign_in_throttled", params: { retryAfterSeconds: 840 } },
    });
    serve([refused(signInRefusalError({ code: "deactivated" }))]);
    expect(await signInWithCredentials("ann@example.com", "right")).toEqual({
      ok: false,
      refusal: { code: "account_deactivated" },
    });
    for (const error of ["Configuration", "throttled:", "throttled:-5", "throttled:1e9x"]) {
      serve([refused(error)]);
      expect(await signInWithCredentials("ann@example.com", "wrong")).toEqual({
        ok: false,
        refusal: { code: "sign_in_unavailable" },
      });
    }
  });

  it("retries once with a fresh token when next-auth asks for one, and no more", async () => {
    const requests = serve([csrfRetry, signedIn]);
    expect(await signInWithCredentials("ann@example.com", "a long password")).toEqual({
      ok: true,
      destination: "/customer/campaigns?page=2",
    });
    expect(requests.filter((r) => r.url === "/api/auth/csrf")).toHaveLength(2);

    serve([csrfRetry, csrfRetry, signedIn]);
    expect(await signInWithCredentials("ann@example.com", "a long password")).toEqual({
      ok: false,
      refusal: { code: "sign_in_unavailable" },
    });
  });
});
