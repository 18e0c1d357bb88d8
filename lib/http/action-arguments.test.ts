import { describe, expect, it } from "vitest";
import { hasDecodableActionArguments, isDecodableArgumentList } from "./action-arguments";

function post(contentType: string, body: BodyInit) {
  return new Request("http://localhost/login/verify", {
    method: "POST",
    headers: contentType ? { "content-type": contentType } : {},
    body,
  });
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

describe("hasDecodableActionArguments", () => {
  it("reads the argument list from field 0 of a multipart post", async () => {
    expect(
      await hasDecodableActionArguments(post("", form({ _1_code: "123456", 0: '["$K1"]' }))),
    ).toBe(true);
    expect(await hasDecodableActionArguments(post("", form({ _1_code: "123456" })))).toBe(false);
    expect(await hasDecodableActionArguments(post("", form({ 0: "{{not json" })))).toBe(false);
  });

  it("reads a text body as the argument list", async () => {
    expect(await hasDecodableActionArguments(post("text/plain;charset=UTF-8", "[]"))).toBe(true);
    expect(await hasDecodableActionArguments(post("text/plain", '{"a":1}'))).toBe(false);
  });

  it("refuses a multipart body that does not parse", async () => {
    expect(
      await hasDecodableActionArguments(post("multipart/form-data; boundary=x", "garbage")),
    ).toBe(false);
  });

  it("leaves URL-encoded posts to Next.js, which refuses them with a 404", async () => {
    expect(
      await hasDecodableActionArguments(post("application/x-www-form-urlencoded", "a=1")),
    ).toBe(true);
  });
});
