import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { RequestContext } from "@/lib/audit/audit";
import { getSession } from "@/lib/auth/session";
import { failure, type Failure, type FailureCode } from "@/lib/failures/failure";
import { appUrl } from "@/lib/http/app-origin";
import { clientAddressFrom, userAgentFrom } from "@/lib/http/client-address";
import { admission, type Admission, type Caller, type SessionFor } from "./callers";
import { refusalSayer } from "@/lib/http/refusal-sayer";

// The twin of guardedAction for route handlers (docs/architecture.md, "Route handlers"): who may
// call, a zod schema of the JSON it takes, and one mapping of refusals to statuses and messages.
// Bad input is a 4xx with a short message, never a 500 and never a stack trace (docs/rules.md,
// rule 15).

export const noStore = { "cache-control": "no-store" };

/** A JSON answer that no cache keeps. */
export function answer(body: unknown, status = 200) {
  return Response.json(body, { status, headers: noStore });
}

export type RefusalStatus = 400 | 401 | 403 | 404 | 409;

/**
 * A JSON refusal: `{ error, code }`, the failure in the words of the request's language (as the
 * page that asked shows them) and its code.
 */
export const refuse = (status: RefusalStatus, refusal: Failure | FailureCode) =>
  refusalAnswer(status, refusal);

async function refusalAnswer(status: RefusalStatus | 500, refusal: Failure | FailureCode) {
  const reason = typeof refusal === "string" ? failure(refusal) : refusal;
  return answer({ error: (await refusalSayer()).say(reason), code: reason.code }, status);
}

const ADMISSION_REFUSALS: Record<Exclude<Admission, "admitted">, [RefusalStatus, FailureCode]> = {
  "signed-out": [401, "sign_in_first"],
  "wrong-stage": [403, "finish_signing_in_first"],
  "not-admin": [403, "admins_only"],
};

/** An `anyone` route never reads the session: what it does depends on its input alone. */
type RouteSession<C extends Caller> = C extends "anyone" ? null : SessionFor<C>;

export type RouteContext<C extends Caller> = {
  session: RouteSession<C>;
  request: RequestContext;
  now: Date;
};

/** How a route reads its request: JSON checked by a schema, no body, or the request itself. */
type Input = z.ZodType | "none" | "raw";
type InputOf<I extends Input> = I extends z.ZodType ? z.infer<I> : I extends "raw" ? Request : null;

type JsonRead = { ok: true; value: unknown } | { ok: false; response: Response };

/** The request's JSON, if it comes from this origin as JSON; else the refusal to send. */
async function readJson(request: Request): Promise<JsonRead> {
  if (request.headers.get("origin") !== appUrl().origin) {
    return { ok: false, response: await refuse(403, "other_origin") };
  }
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return { ok: false, response: await refuse(400, "send_json") };
  }
  try {
    return { ok: true, value: await request.json() };
  } catch {
    return { ok: false, response: await refuse(400, "request_unreadable") };
  }
}

const GUARDED = Symbol.for("appmail.guardedRoute");

export type GuardedRoute = ((request: Request, context: unknown) => Promise<Response>) & {
  [GUARDED]: true;
};

/**
 * The one way to make a route handler. Refusals come before the handler runs: a caller whose
 * sign-in does not fit (401, 403), JSON from another origin (403), a body that is not JSON or
 * that the schema refuses (400). Unexpected errors become a generic 500 and a log line that names
 * no secret.
 */
export function guardedRoute<C extends Caller, I extends Input>(
  options: { caller: C; input: I },
  handler: (
    input: InputOf<I>,
    context: RouteContext<C>,
    route: { request: Request; params: unknown },
  ) => Promise<Response>,
): GuardedRoute {
  const route = async (request: Request, routeContext: unknown): Promise<Response> => {
    const session = options.caller === "anyone" ? null : await getSession();
    const verdict = admission(options.caller, session);
    if (verdict === "wrong-stage" && options.caller === "pending-code") {
      return refuse(403, "no_waiting_sign_in");
    }
    if (verdict !== "admitted") return refuse(...ADMISSION_REFUSALS[verdict]);
    let input: unknown = null;
    if (options.input === "raw") input = request;
    else if (options.input !== "none") {
      const read = await readJson(request);
      if (!read.ok) return read.response;
      const parsed = options.input.safeParse(read.value);
      if (!parsed.success) return refuse(400, "request_unreadable");
      input = parsed.data;
    }
    const context: RouteContext<C> = {
      session: session as RouteSession<C>,
      request: {
        clientAddress: clientAddressFrom(request.headers),
        userAgent: userAgentFrom(request.headers),
      },
      now: new Date(),
    };
    try {
      return await handler(input as InputOf<I>, context, {
        request,
        params: (routeContext as { params?: unknown } | undefined)?.params,
      });
    } catch (error) {
      unstable_rethrow(error);
      console.error(`appmail: a route failed: ${(error as Error)?.name ?? "unknown error"}`);
      return refusalAnswer(500, "unexpected");
    }
  };
  return Object.assign(route, { [GUARDED]: true as const });
}

export function isGuardedRoute(value: unknown): boolean {
  return typeof value === "function" && GUARDED in value;
}
