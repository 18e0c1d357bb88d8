import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import {
  dropUntrustedForwardedHeaders,
  isSameOriginAction,
  refusalBeforeBody,
} from "./raw-request-guard";

const ACTION_ID = "40".repeat(21);

function request(
  headers: Record<string, string>,
  { method = "POST", url = "/login/verify" } = {},
): IncomingMessage {
  return { method, url, headers: { host: "app.example:3000", ...headers } } as IncomingMessage;
}

describe("isSameOriginAction", () => {
  it("takes the page's own origin, and no Origin at all, as Next.js does", () => {
    expect(
      isSameOriginAction({ host: "app.example:3000", origin: "http://app.example:3000" }),
    ).toBe(true);
    expect(isSameOriginAction({ host: "app.example:3000" })).toBe(true);
  });

  it("refuses another site, Origin null, an Origin that is no URL, and a missing Host", () => {
    expect(isSameOriginAction({ host: "app.example:3000", origin: "https://evil.example" })).toBe(
      false,
    );
    expect(isSameOriginAction({ host: "app.example:3000", origin: "null" })).toBe(false);
    expect(isSameOriginAction({ host: "app.example:3000", origin: "not a url" })).toBe(false);
    expect(isSameOriginAction({ origin: "http://app.example:3000" })).toBe(false);
  });
});

describe("refusalBeforeBody", () => {
  const multipart = "multipart/form-data; boundary=x";

  it("refuses a cross-site server action post with 403, with or without JavaScript", () => {
    for (const origin of ["null", "https://evil.example"]) {
      const withHeader = request({
        origin,
        "next-action": ACTION_ID,
        "content-type": "text/plain",
      });
      expect(refusalBeforeBody(withHeader)?.status).toBe(403);
      const formPost = request({ origin, "content-type": multipart });
      expect(refusalBeforeBody(formPost)?.status).toBe(403);
    }
  });

  it("lets same-origin posts, URL-encoded posts and other methods through", () => {
    const same = { origin: "http://app.example:3000", "next-action": ACTION_ID };
    expect(refusalBeforeBody(request(same))).toBeNull();
    const urlEncoded = { origin: "null", "content-type": "application/x-www-form-urlencoded" };
    expect(refusalBeforeBody(request(urlEncoded, { url: "/api/auth/signout" }))).toBeNull();
    expect(refusalBeforeBody(request({ origin: "null" }, { method: "GET" }))).toBeNull();
  });
});

describe("refusalBeforeBody and the path", () => {
  it("refuses a path whose percent-encoding does not decode, which Next.js answers with a 500", () => {
    for (const url of [
      "/backend/users/%E0%A4%A",
      "/backend/users/%ff",
      "/customer/%",
      "/%zz?a=1",
    ]) {
      for (const method of ["GET", "HEAD", "OPTIONS", "POST"]) {
        expect(refusalBeforeBody(request({}, { method, url })), `${method} ${url}`).toEqual(
          expect.objectContaining({ status: 400 }),
        );
      }
    }
  });

  it("lets an encoded path that decodes through, whatever its query", () => {
    for (const url of ["/backend/users/abc%20def", "/backend/users/%E2%82%AC", "/login?next=%ff"]) {
      expect(refusalBeforeBody(request({}, { method: "GET", url })), url).toBeNull();
    }
  });
});

describe("dropUntrustedForwardedHeaders", () => {
  const forwarded = () =>
    request({
      "x-forwarded-host": "evil.example",
      "x-forwarded-port": "443",
      "x-forwarded-proto": "https",
      "x-forwarded-for": "1.2.3.4",
    });

  it("drops every forwarded header a client sends when no proxy is trusted", () => {
    const incoming = forwarded();
    dropUntrustedForwardedHeaders(incoming, 0);
    expect(Object.keys(incoming.headers)).toEqual(["host"]);
  });

  it("keeps the address and scheme a trusted proxy sets, never a forwarded host or port", () => {
    const incoming = forwarded();
    dropUntrustedForwardedHeaders(incoming, 1);
    expect(incoming.headers).toEqual({
      host: "app.example:3000",
      "x-forwarded-proto": "https",
      "x-forwarded-for": "1.2.3.4",
    });
  });
});

describe("refusalBeforeBody and the router state", () => {
  const tree = encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }]));

  it("refuses a router request whose state header Next.js cannot parse", () => {
    for (const bad of ["not json", "%5B", "%ZZ", "x".repeat(50_000)]) {
      const incoming = request({ rsc: "1", "next-router-state-tree": bad }, { method: "GET" });
      expect(refusalBeforeBody(incoming)?.status, bad.slice(0, 10)).toBe(400);
    }
  });

  it("takes a router state Next.js reads, and leaves requests that are no router request alone", () => {
    const get = { method: "GET" };
    expect(
      refusalBeforeBody(request({ rsc: "1", "next-router-state-tree": tree }, get)),
    ).toBeNull();
    expect(refusalBeforeBody(request({ rsc: "1" }, get))).toBeNull();
    expect(refusalBeforeBody(request({ "next-router-state-tree": "not json" }, get))).toBeNull();
  });
});
