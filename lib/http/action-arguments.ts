// Next.js 16 decodes a server action's arguments (React's reply encoding) before any app code
// runs, and answers an argument list it cannot decode with a 500. The app's actions take only
// plain values and FormData, so anything else is bad input and gets a 400 from the proxy.

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
  return Array.isArray(value) && onlyPlainValues(value);
}

/**
 * Whether a server action post (one with a `Next-Action` header) carries arguments Next.js can
 * decode: a multipart form whose field "0" is the argument list, or the argument list as the
 * whole body. URL-encoded posts are refused by Next.js itself with a 404.
 */
export async function hasDecodableActionArguments(request: Request): Promise<boolean> {
  const contentType = request.headers.get("content-type") ?? "";
  if (contentType.startsWith("application/x-www-form-urlencoded")) return true;
  try {
    if (contentType.startsWith("multipart/form-data")) {
      const form = await request.formData();
      return isDecodableArgumentList(form.get("0"));
    }
    return isDecodableArgumentList(await request.text());
  } catch {
    return false;
  }
}
