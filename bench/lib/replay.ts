// The sign-in the benchmark sends: exactly the requests a Chromium sign-in made (bench/flow.json,
// recorded by bench/record-flow.ts), replayed in order against the app or the floor, each
// checked to have done its part. A request the replay does not know fails the run.
import { currentStep, FlowError, postCredentials, totpCodeForStep, type Timings } from "./flows";
import { Client, type HttpResponse } from "./http-client";
import { recordedFlow, requestKey, type RecordedRequest } from "./recorded-flow";
import { actionRedirect, postAction, readActionIds } from "./server-actions";
import type { SeededAccount } from "./server";

/** What the replay needs to know of the server it signs in to. */
export type Target = {
  name: "app" | "floor";
  baseUrl: string;
  /** The build's id of the step-2 action (POST /login/verify). */
  verifyActionId: string;
  /** The cookie the credentials POST sets. */
  sessionCookie: string;
  /** The name the dashboard greets the account by. */
  displayName: (account: SeededAccount) => string;
};

/** The app's build, served at `baseUrl`. */
export function appTarget(baseUrl: string): Target {
  return {
    name: "app",
    baseUrl,
    verifyActionId: readActionIds().verifyLoginCodeAction,
    sessionCookie: "next-auth.session-token",
    displayName: (account) => account.name,
  };
}

type Context = {
  target: Target;
  client: Client;
  account: SeededAccount;
  password: string;
  /** The step being sent (the CPU breakdown reads it as each request starts). */
  step: string;
  csrfToken?: string;
};

type Replayer = {
  /** The step's name in timings, the CPU breakdown and the table. */
  step: string;
  /** Sends the request as recorded; throws a FlowError unless it did its part. */
  send: (context: Context, recorded: RecordedRequest) => Promise<HttpResponse>;
};

function expectStatus(step: string, response: HttpResponse, ...allowed: number[]) {
  if (!allowed.includes(response.status)) {
    throw new FlowError(step, `HTTP ${response.status}`, response.status);
  }
}

/** A GET with the recorded query and headers (documents, RSC fetches, prefetches, fetches). */
async function getAsRecorded(context: Context, recorded: RecordedRequest, mustContain?: string) {
  const response = await context.client.request("GET", recorded.path + (recorded.search ?? ""), {
    headers: recorded.headers,
    step: context.step,
  });
  const name = requestKey(recorded);
  expectStatus(name, response, 200);
  if (mustContain && !response.text().includes(mustContain)) {
    throw new FlowError(name, `the response lacks "${mustContain}"`);
  }
  return response;
}

export const REPLAYERS: Record<string, Replayer> = {
  "GET /login document": {
    step: "loginPage",
    send: (context, recorded) => getAsRecorded(context, recorded, "Sign in"),
  },
  // The login page's passkey autofill asks for a prompt's options as soon as the page is up.
  "POST /api/passkeys/sign-in-options fetch": {
    step: "passkeyOptions",
    send: async ({ client, step }, recorded) => {
      const response = await client.request("POST", recorded.path, {
        // A browser's fetch of a POST names its origin, which the route requires.
        headers: { ...recorded.headers, origin: client.baseUrl },
        body: "{}",
        step,
      });
      const name = requestKey(recorded);
      expectStatus(name, response, 200);
      if (!response.text().includes('"challenge"')) throw new FlowError(name, "no challenge");
      return response;
    },
  },
  "GET /api/auth/csrf fetch": {
    step: "csrf",
    send: async (context, recorded) => {
      const response = await getAsRecorded(context, recorded);
      context.csrfToken = (JSON.parse(response.text()) as { csrfToken: string }).csrfToken;
      return response;
    },
  },
  "POST /api/auth/callback/credentials fetch": {
    step: "credentials",
    send: async ({ client, account, password, csrfToken, target, step }) => {
      const response = await postCredentials(client, account.email, password, csrfToken ?? "", {
        step,
      });
      if (!client.cookies.has(target.sessionCookie)) {
        throw new FlowError("POST credentials", "no session cookie");
      }
      return response;
    },
  },
  // The login form's router.replace("/login/verify"): step 2's page.
  "GET /login/verify rsc": {
    step: "verifyPage",
    send: (context, recorded) => getAsRecorded(context, recorded, "Two-step verification"),
  },
  // The action redirects to the dashboard and its response already carries the dashboard's
  // RSC payload: the browser makes no GET /customer.
  "POST /login/verify action": {
    step: "step2",
    send: async ({ client, account, target, step }, recorded) => {
      const code = await totpCodeForStep(account.secret!, currentStep());
      const response = await postAction(
        client,
        "/login/verify",
        target.verifyActionId,
        { previousState: { status: "idle" }, fields: { method: "code", code } },
        { headers: recorded.headers, step },
      );
      const name = requestKey(recorded);
      if (response.status >= 500) throw new FlowError(name, `HTTP ${response.status}`, 500);
      const redirect = actionRedirect(response);
      if (redirect !== "/customer") {
        throw new FlowError(
          name,
          `no redirect to /customer (HTTP ${response.status}, ${redirect})`,
        );
      }
      const text = response.text();
      if (!text.includes("Dashboard") || !text.includes(target.displayName(account))) {
        throw new FlowError(name, "the response is not the account's dashboard");
      }
      return response;
    },
  },
  // The dashboard's link to the account page, prefetched by the router as it shows.
  "GET /customer/account prefetch": {
    step: "prefetch",
    send: (context, recorded) => getAsRecorded(context, recorded),
  },
};

/** The recorded flow, each request with its replayer; throws when one has none. */
export function replayPlan(requests = recordedFlow().requests) {
  const unknown = requests.filter((each) => !REPLAYERS[requestKey(each)]);
  if (unknown.length > 0) {
    throw new Error(
      `bench/flow.json has requests the benchmark cannot replay: ${unknown.map(requestKey).join(", ")}`,
    );
  }
  const seen = new Map<string, number>();
  return requests.map((recorded) => {
    const replayer = REPLAYERS[requestKey(recorded)]!;
    const count = (seen.get(replayer.step) ?? 0) + 1;
    seen.set(replayer.step, count);
    // A request made twice (the router prefetches a link in two parts) is timed as two steps.
    return { recorded, replayer, step: count === 1 ? replayer.step : `${replayer.step}${count}` };
  });
}

export type ReplayPlan = ReturnType<typeof replayPlan>;

/**
 * One complete two-step sign-in of a seeded account with 2FA, as the browser made it: every
 * request of the plan, or those before `stopBefore` ("step2": a sign-in waiting for its code).
 * Returns the client, with the session's cookies.
 */
export async function replaySignIn(
  target: Target,
  plan: ReplayPlan,
  account: SeededAccount,
  password: string,
  timings: Timings,
  stopBefore?: string,
): Promise<Client> {
  const client = new Client(target.baseUrl);
  const context: Context = { target, client, account, password, step: "" };
  for (const { recorded, replayer, step } of plan) {
    if (step === stopBefore) break;
    context.step = step;
    const response = await replayer.send(context, recorded);
    timings[step] = response.ms;
  }
  return client;
}

/** The steps of the plan, in order (the table's rows). */
export const planSteps = (plan: ReplayPlan) => plan.map((each) => each.step);
