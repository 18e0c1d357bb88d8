import "server-only";
import type { RequestContext } from "@/lib/audit/audit";
import { getSession, type CurrentSession } from "@/lib/auth/session";
import type { SignInStage } from "@/lib/auth/stage";
import { clientAddressFrom, userAgentFrom } from "@/lib/http/client-address";
import { relyingParty } from "./relying-party";

// What the passkey route handlers (app/api/passkeys/…) share: they take JSON only from this
// origin, and answer bad input with a 4xx and a short message, never a 500 (docs/rules.md, 15).

export const noStore = { "cache-control": "no-store" };

export function answer(body: unknown, status = 200) {
  return Response.json(body, { status, headers: noStore });
}

export const refuse = (status: 400 | 401 | 403 | 404 | 409, error: string) =>
  answer({ error }, status);

export type JsonBody =
  { ok: true; body: Record<string, unknown> } | { ok: false; response: Response };

/** The request's JSON object, if it comes from this origin as JSON; else the refusal to send. */
export async function readJsonBody(request: Request): Promise<JsonBody> {
  if (request.headers.get("origin") !== relyingParty().origin) {
    return { ok: false, response: refuse(403, "This request must come from this site.") };
  }
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return { ok: false, response: refuse(400, "Send JSON.") };
  }
  try {
    const body: unknown = await request.json();
    if (body && typeof body === "object" && !Array.isArray(body)) {
      return { ok: true, body: body as Record<string, unknown> };
    }
  } catch {
    // Not JSON: refused below.
  }
  return { ok: false, response: refuse(400, "The request could not be read.") };
}

export function contextOf(request: Request): RequestContext {
  return {
    clientAddress: clientAddressFrom(request.headers),
    userAgent: userAgentFrom(request.headers),
  };
}

export type SignedInJson =
  | { ok: true; body: Record<string, unknown>; session: CurrentSession }
  | { ok: false; response: Response };

/** The JSON of a request whose sign-in (read by lib/auth/session.ts) is at one of `stages`. */
export async function readSignedInJson(
  request: Request,
  stages: SignInStage[],
  refusal: string,
): Promise<SignedInJson> {
  const read = await readJsonBody(request);
  if (!read.ok) return read;
  const session = await getSession();
  if (!session) return { ok: false, response: refuse(401, "Sign in first.") };
  if (!stages.includes(session.stage)) return { ok: false, response: refuse(403, refusal) };
  return { ok: true, body: read.body, session };
}

/** The JSON of a step-2 passkey request: only a sign-in waiting for its second step may send it. */
export function readWaitingStepJson(request: Request): Promise<SignedInJson> {
  return readSignedInJson(request, ["AWAITING_CODE"], "No sign-in is waiting for this.");
}
