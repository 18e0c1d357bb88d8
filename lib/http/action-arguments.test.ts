import { describe, expect, it } from "vitest";
import {
  checkPostBody,
  isDecodableArgumentList,
  MAX_ACTION_ARGUMENTS,
  isActionFetch,
  postBodyNeedsReading,
} from "./action-arguments";
import { MAX_BODY_BYTES, MAX_FORM_PARTS } from "./body-limits";

const ACTION_ID = "40".repeat(21);

/** A post to an action (with a `Next-Action` header), or with `action: false` a plain form post. */
function post(contentType: string, body: BodyInit, { action = true } = {}) {
  const headers = new Headers(contentType ? { "content-type": contentType } : {});
  if (action) headers.set("next-action", ACTION_ID);
  // A FormData body brings its own multipart content type, with the boundary.
  return new Request("http://localhost/login/verify", { method: "POST", headers, body });
}

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe("isDecodableArgumentList", () => {
  it("takes what the app's forms send", () => {
    expect(isDecodableArgumentList('[{"status":"idle"},"$K1"]')).toBe(true);
    expect(isDecodableArgumentList('["$K1"]')).toBe(true);
    expect(isDecodableArgumentList("[]")).toBe(true);
    expect(isDecodableArgumentList('["$undefined","$K1"]')).toBe(true);
    expect(isDecodableArgumentList('[{"message":"$$5 off"}, 123456, null]')).toBe(true);
  });

  it("refuses what is not an argument list", () => {
    expect(isDecodableArgumentList("{{not json")).toBe(false);
    expect(isDecodableArgumentList('{"code":"123456"}')).toBe(false);
    expect(isDecodableArgumentList('"[]"')).toBe(false);
    expect(isDecodableArgumentList("")).toBe(false);
    expect(isDecodableArgumentList(null)).toBe(false);
  });

  it("refuses references to streams, promises, chunks and server functions", () => {
    for (const reference of ["$1", "$@1", "$F1", "$Q1", "$R1", "$h1", "$T", "$K", "$Kx", "$"]) {
      expect(isDecodableArgumentList(JSON.stringify([{ state: [reference] }])), reference).toBe(
        false,
      );
    }
  });

  it("refuses nesting deeper than any form sends", () => {
    expect(isDecodableArgumentList(`${"[".repeat(100)}${"]".repeat(100)}`)).toBe(false);
  });
});

describe("checkPostBody", () => {
  it("reads the argument list from field 0 of a multipart post", async () => {
    expect(await checkPostBody(post("", form({ _1_code: "123456", 0: '["$K1"]' })))).toBe("ok");
    expect(await checkPostBody(post("", form({ _1_code: "123456" })))).toBe("unreadable");
    expect(await checkPostBody(post("", form({ 0: "{{not json" })))).toBe("unreadable");
  });

  it("reads a text body as the argument list", async () => {
    expect(await checkPostBody(post("text/plain;charset=UTF-8", "[]"))).toBe("ok");
    expect(await checkPostBody(post("text/plain", '{"a":1}'))).toBe("unreadable");
  });

  it("refuses a multipart body that does not parse, with or without an action", async () => {
    for (const action of [true, false]) {
      expect(
        await checkPostBody(post("multipart/form-data; boundary=x", "garbage", { action })),
      ).toBe("unreadable");
      expect(await checkPostBody(post("multipart/form-data", "garbage", { action }))).toBe(
        "unreadable",
      );
    }
  });

  it("takes a plain form post whose fields parse, as Next.js looks for a form action there", async () => {
    expect(await checkPostBody(post("", form({ email: "a@example.com" }), { action: false }))).toBe(
      "ok",
    );
  });

  it(`refuses more than ${MAX_FORM_PARTS} parts before parsing them`, async () => {
    const fields = (count: number) =>
      Object.fromEntries([...Array(count).keys()].map((i) => [`_1_f${i}`, "x"]));
    expect(
      await checkPostBody(post("", form({ ...fields(MAX_FORM_PARTS - 1), 0: '["$K1"]' }))),
    ).toBe("ok");
    expect(await checkPostBody(post("", form({ ...fields(MAX_FORM_PARTS), 0: '["$K1"]' })))).toBe(
      "too many parts",
    );
    expect(await checkPostBody(post("", form(fields(MAX_FORM_PARTS + 1)), { action: false }))).toBe(
      "too many parts",
    );
  });

  it("refuses a body over the limit where nothing in front has (next dev)", async () => {
    expect(await checkPostBody(post("text/plain", `["${"1".repeat(MAX_BODY_BYTES)}"]`))).toBe(
      "too large",
    );
  });

  it("leaves to Next.js what it does not read or refuses unread", async () => {
    expect(await checkPostBody(post("application/x-www-form-urlencoded", "a=1"))).toBe("ok");
    expect(await checkPostBody(post("text/plain", "{{", { action: false }))).toBe("ok");
    // Next.js tests the URL-encoded type on the whole header: with a charset it reads the body
    // as the argument list.
    expect(
      await checkPostBody(post("application/x-www-form-urlencoded;charset=UTF-8", "a=1")),
    ).toBe("unreadable");
  });
});

describe("checkPostBody and Next.js's parsers", () => {
  const boundary = "----appmailTest";
  const multipart = (parts: [string, string][]) =>
    parts
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join("") + `--${boundary}--\r\n`;

  it("refuses an action's form whose part header busboy cannot read (a control character)", async () => {
    const body = multipart([
      ["_1_\u0019code\t", "1"],
      ["0", '[{"status":"idle"},"$K1"]'],
    ]);
    const type = `multipart/form-data; boundary=${boundary}`;
    expect(await checkPostBody(post(type, body))).toBe("unreadable");
  });

  it("refuses more arguments than Next.js passes to an action", async () => {
    expect(isDecodableArgumentList(JSON.stringify(Array(MAX_ACTION_ARGUMENTS).fill(1)))).toBe(true);
    expect(isDecodableArgumentList(JSON.stringify(Array(MAX_ACTION_ARGUMENTS + 1).fill(1)))).toBe(
      false,
    );
  });
});

describe("checkPostBody and a file part cut short", () => {
  it("refuses it as unreadable, with no error left unhandled", async () => {
    const body = '--b\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nabc';
    expect(await checkPostBody(post("multipart/form-data; boundary=b", body))).toBe("unreadable");
  });
});

describe("postBodyNeedsReading", () => {
  const needs = (request: Request) => postBodyNeedsReading(request.headers);

  it("is true for every body Next.js parses: multipart, or an action's non-URL-encoded body", () => {
    expect(needs(post("", form({ a: "1" })))).toBe(true);
    expect(needs(post("", form({ a: "1" }), { action: false }))).toBe(true);
    expect(needs(post("text/plain;charset=UTF-8", "[]"))).toBe(true);
    expect(needs(post("", "[]"))).toBe(true);
  });

  it("is false for a body Next.js leaves to the route (next-auth's sign-in posts, JSON)", async () => {
    const credentials = post("application/x-www-form-urlencoded", "csrfToken=x&email=a", {
      action: false,
    });
    expect(needs(credentials)).toBe(false);
    expect(needs(post("application/x-www-form-urlencoded", "a=1"))).toBe(false);
    expect(needs(post("application/json", "{}", { action: false }))).toBe(false);
    // And checkPostBody takes those unread.
    expect(await checkPostBody(credentials)).toBe("ok");
    expect(credentials.bodyUsed).toBe(false);
  });
});

describe("isActionFetch", () => {
  it("is true only for an action's post whose arguments Next.js decodes", () => {
    expect(isActionFetch(post("", form({ a: "1" })))).toBe(true);
    expect(isActionFetch(post("text/plain;charset=UTF-8", "[]"))).toBe(true);
    // Next.js answers these with a page, which needs its CSP nonce.
    expect(isActionFetch(post("", form({ a: "1" }), { action: false }))).toBe(false);
    expect(isActionFetch(post("application/x-www-form-urlencoded", "a=1"))).toBe(false);
    const get = new Request("http://localhost/backend", { headers: { "next-action": "ab" } });
    expect(isActionFetch(get)).toBe(false);
  });
});
