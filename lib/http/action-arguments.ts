// Next.js 16 decodes a server action's arguments (React's reply encoding), and parses any
// multipart post in search of a form action, before any app code runs; a body it cannot parse or
// decode gets a 500, and every part of a multipart body costs a parse. The app's actions take
// only plain values and FormData from forms of a few fields, so anything else is bad input that
// the proxy turns away first.
import busboy from "next/dist/compiled/busboy";
import { MAX_BODY_BYTES, MAX_FORM_PARTS } from "./body-limits";

/** Next.js's limit on a server action's arguments (SERVER_ACTION_ARGS_LIMIT); more is a 500. */
export const MAX_ACTION_ARGUMENTS = 1000;

/**
 * React's reply encoding marks references with a leading "$" and escapes a string that begins
 * with "$" as "$$". The app's own forms send no reference but a FormData ("$K<n>") and
 * `undefined` ("$undefined").
 */
const ALLOWED_REFERENCE = /^\$(\$|K\d+$|undefined$)/;

function onlyPlainValues(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (typeof value === "string") return !value.startsWith("$") || ALLOWED_REFERENCE.test(value);
  if (Array.isArray(value)) return value.every((item) => onlyPlainValues(item, depth + 1));
  if (value !== null && typeof value === "object") {
    return Object.values(value).every((item) => onlyPlainValues(item, depth + 1));
  }
  return true;
}

/** Whether `encoded` (the JSON root of a server action post) is an argument list the app takes. */
export function isDecodableArgumentList(encoded: unknown): boolean {
  if (typeof encoded !== "string") return false;
  let value: unknown;
  try {
    value = JSON.parse(encoded);
  } catch {
    return false;
  }
  return Array.isArray(value) && value.length <= MAX_ACTION_ARGUMENTS && onlyPlainValues(value);
}

/**
 * The fields of a multipart body as Next.js reads a server action's (`Next-Action`) form: with
 * busboy, which refuses part headers that the Fetch API's parser takes (a control character in a
 * field name); null when busboy refuses the body.
 */
function busboyFields(body: Buffer, contentType: string): Promise<Map<string, string> | null> {
  return new Promise((resolve) => {
    const fields = new Map<string, string>();
    let parser: ReturnType<typeof busboy>;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        defParamCharset: "utf8",
        limits: { fieldSize: MAX_BODY_BYTES },
      });
    } catch {
      resolve(null);
      return;
    }
    parser.on("field", (name, value) => fields.set(name, value));
    // A file part cut short fails its own stream as well as the parser: both are handled.
    parser.on("file", (_name, stream) => stream.on("error", () => resolve(null)).resume());
    parser.on("error", () => resolve(null));
    parser.on("close", () => resolve(fields));
    parser.end(body);
  });
}

export type PostBodyVerdict = "ok" | "too large" | "too many parts" | "unreadable";

/** How many times `boundary`'s delimiter occurs in `body`: one more than its parts. */
function countDelimiters(body: Buffer, boundary: string): number {
  const delimiter = Buffer.from(`--${boundary}`);
  let count = 0;
  for (let at = body.indexOf(delimiter); at !== -1; at = body.indexOf(delimiter, at + 1)) count++;
  return count;
}

function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/**
 * A `Next-Action` post whose body Next.js decodes as the action's arguments: any content type but
 * exactly URL-encoded, which Next.js answers with its not-found page, unread. Next.js's own tests:
 * case-sensitive, and the URL-encoded one on the whole header.
 */
function carriesActionArguments(headers: Headers): boolean {
  return (
    headers.has("next-action") &&
    headers.get("content-type") !== "application/x-www-form-urlencoded"
  );
}

/** Whether Next.js reads a POST's body before app code (so checkPostBody must): on its headers. */
export function postBodyNeedsReading(headers: Headers): boolean {
  if ((headers.get("content-type") ?? "").startsWith("multipart/form-data")) return true;
  return carriesActionArguments(headers);
}

/**
 * Whether Next.js answers `request` as a server action's fetch, with RSC data and never a
 * document: a POST whose arguments it decodes. A GET with a `Next-Action` header, or a URL-encoded
 * post, still gets a page.
 */
export function isActionFetch(request: Pick<Request, "method" | "headers">): boolean {
  return request.method === "POST" && carriesActionArguments(request.headers);
}

/**
 * Whether Next.js can take a POST's body, classified exactly as Next.js classifies it:
 * - a multipart body (with a `Next-Action` header or not: Next.js parses it in search of a
 *   form action either way) must have at most MAX_FORM_PARTS parts and parse, with the parser
 *   Next.js uses for it; a server action's field "0" must be an argument list the app takes;
 * - any other body of a server action post (`Next-Action`) is the argument list itself, except
 *   exactly `application/x-www-form-urlencoded`, which Next.js refuses with a 404 unread;
 * - any other body is not read by Next.js, nor here.
 * The body is counted before it is parsed; server.ts has bounded it already, this bounds it again
 * where nothing stands in front of Next.js (`next dev`).
 */
export async function checkPostBody(request: Request): Promise<PostBodyVerdict> {
  if (!postBodyNeedsReading(request.headers)) return "ok";
  const contentType = request.headers.get("content-type") ?? "";
  const isAction = request.headers.has("next-action");
  const isMultipart = contentType.startsWith("multipart/form-data");

  let body: Buffer;
  try {
    body = Buffer.from(await request.arrayBuffer());
  } catch {
    return "unreadable";
  }
  if (body.length > MAX_BODY_BYTES) return "too large";
  if (!isMultipart) return isDecodableArgumentList(body.toString("utf8")) ? "ok" : "unreadable";

  const boundary = boundaryOf(contentType);
  if (!boundary) return "unreadable";
  if (countDelimiters(body, boundary) > MAX_FORM_PARTS + 1) return "too many parts";
  if (isAction) {
    // Next.js reads an action's form with busboy, a plain form post with the Fetch API's parser.
    const fields = await busboyFields(body, contentType);
    return fields && isDecodableArgumentList(fields.get("0")) ? "ok" : "unreadable";
  }
  try {
    await new Response(new Uint8Array(body), {
      headers: { "content-type": contentType },
    }).formData();
    return "ok";
  } catch {
    return "unreadable";
  }
}
