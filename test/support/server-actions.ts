import type { APIRequestContext, APIResponse } from "@playwright/test";

/**
 * Posts straight to a server action the way Next.js 16's client does (captured from real
 * submissions with `page.on("request")`):
 * - headers `Next-Action: <id>` and `Accept: text/x-component`, same-origin `Origin`;
 * - a form submission (useActionState or `<form action>`) is multipart/form-data: the form's
 *   fields prefixed with `_1_` and a field `0` holding the JSON arguments, where `"$K1"` stands
 *   for the FormData whose fields carry the `_1_` prefix, e.g. `[{"status":"idle"},"$K1"]`;
 * - an action called without a FormData sends its JSON arguments as a text/plain body (`[]`).
 */

/** The arguments of an action used through `useActionState`: the previous state and the form. */
export const STATE_AND_FORM = '[{"status":"idle"},"$K1"]';
/** The arguments of an action used as `<form action={…}>`: the form alone. */
export const FORM_ONLY = '["$K1"]';

export type ActionBody =
  /** Form fields (without prefix) and the JSON argument list of field `0`. */
  | { kind: "form"; fields: [string, string][]; args?: string }
  /** A raw body with its content type (JSON, text, garbage). */
  | { kind: "raw"; contentType: string; body: string | Buffer }
  /** A multipart body exactly as given (field names included). */
  | { kind: "multipart"; parts: [string, string][] };

/** React's reply encoding names the fields of FormData number 1 `_1_<field>`. */
export const FORM_PREFIX = "_1_";

export function formBody(fields: Record<string, string>, args = STATE_AND_FORM): ActionBody {
  return { kind: "form", fields: Object.entries(fields), args };
}

const BOUNDARY = "----appmailTestBoundary7MA4YWxkTrZu0gW";

function multipart(parts: [string, string][]): Buffer {
  const chunks = parts.map(
    ([name, value]) =>
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return Buffer.from(`${chunks.join("")}--${BOUNDARY}--\r\n`, "utf8");
}

/**
 * Posts `body` to action `actionId` at `path`, with the cookies of `request`'s context and any
 * `extraHeaders` (e.g. `next-router-prefetch`).
 */
export async function postAction(
  request: APIRequestContext,
  baseURL: string,
  path: string,
  actionId: string | null,
  body: ActionBody,
  extraHeaders: Record<string, string> = {},
): Promise<APIResponse> {
  const headers: Record<string, string> = {
    Accept: "text/x-component",
    Origin: baseURL,
    ...extraHeaders,
  };
  if (actionId) headers["Next-Action"] = actionId;
  let data: Buffer | string;
  if (body.kind === "raw") {
    headers["Content-Type"] = body.contentType;
    data = body.body;
  } else {
    const parts: [string, string][] =
      body.kind === "multipart"
        ? body.parts
        : [
            ...body.fields.map(([name, value]): [string, string] => [
              `${FORM_PREFIX}${name}`,
              value,
            ]),
            ["0", body.args ?? STATE_AND_FORM],
          ];
    headers["Content-Type"] = `multipart/form-data; boundary=${BOUNDARY}`;
    data = multipart(parts);
  }
  return request.post(path, { headers, data, maxRedirects: 0, failOnStatusCode: false });
}

/** A stack trace, a Node.js error or a source path in a response body. */
export const STACK_TRACE =
  /\bat \S+ \(?[^\s()]+:\d+:\d+\)?|node_modules\/|\/work\/|webpack-internal|turbopack:\/\/|\b(TypeError|ReferenceError|PrismaClient\w*Error|SqliteError)\b/;
