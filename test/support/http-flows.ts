// The app's flows over plain HTTP, as a browser performs them (next-auth's credentials POST, then
// Next.js server actions), for tests that need many accounts quickly or a server they can kill:
// test/integration/crash-recovery.test.ts and test/browser/fuzz.spec.ts.
import { currentStep, passwordStep, setupKeyFrom, totpCodeForStep } from "../../bench/lib/flows";
import { Client, type HttpResponse } from "../../bench/lib/http-client";
import { actionRedirect } from "../../bench/lib/server-actions";
import { serverActions } from "./server-actions";

export { actionRedirect, Client, type HttpResponse };

/** Server action ids by exported name, from the build's manifest. */
export function actionIdsByName(distDir?: string) {
  const ids = new Map(serverActions(distDir).map((action) => [action.exportedName, action.id]));
  return (name: string): string => {
    const id = ids.get(name);
    if (!id) throw new Error(`server action ${name} is not in the build's manifest`);
    return id;
  };
}

export type HttpAccount = {
  name: string;
  email: string;
  password: string;
  lastStep: number | null;
};

/** Posts a form to a server action the way React does (fields "_1_<name>", arguments in "0"). */
export function postForm(
  client: Client,
  page: string,
  actionId: string,
  fields: Record<string, string> = {},
): Promise<HttpResponse> {
  const boundary = `----AppMailFlow${Math.random().toString(36).slice(2)}`;
  const parts: [string, string][] = Object.entries(fields).map(([k, v]) => [`_1_${k}`, v]);
  parts.push(["0", '[{"status":"idle"},"$K1"]']);
  const body =
    parts
      .map(
        ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
      )
      .join("") + `--${boundary}--\r\n`;
  return client.request("POST", page, {
    headers: {
      accept: "text/x-component",
      "next-action": actionId,
      origin: client.baseUrl,
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
    body,
  });
}

/** An action called without a form (e.g. "Set up two-factor authentication"). */
export function postNoArguments(client: Client, page: string, actionId: string) {
  return client.request("POST", page, {
    headers: {
      accept: "text/x-component",
      "next-action": actionId,
      origin: client.baseUrl,
      "content-type": "text/plain;charset=UTF-8",
    },
    body: "[]",
  });
}

export function expectOk(step: string, response: HttpResponse) {
  if (response.status >= 400) throw new Error(`${step}: HTTP ${response.status}`);
}

/** Step 1 with the password in a new client (pending or complete, as the account requires). */
export async function signedIn(baseUrl: string, account: HttpAccount): Promise<Client> {
  const client = new Client(baseUrl);
  await passwordStep(client, account.email, account.password, {});
  return client;
}

/** The code of the next time-step the server still accepts for the account, marked used. */
export async function nextCode(account: HttpAccount, secret: string): Promise<string> {
  const now = currentStep();
  const step = Math.max(now, (account.lastStep ?? -Infinity) + 1);
  if (step > now + 1) throw new Error(`no unused time-step left for ${account.email}`);
  account.lastStep = step;
  return totpCodeForStep(secret, step);
}

/** Starts the set-up on an account page and returns the secret behind "Setup key". */
export async function startSetup(client: Client, actionId: string, page: string) {
  expectOk("start set-up", await postNoArguments(client, page, actionId));
  const html = await client.request("GET", page, { headers: { accept: "text/html" } });
  const secret = setupKeyFrom(html.text());
  if (!secret) throw new Error(`no "Setup key" on ${page} (HTTP ${html.status})`);
  return secret;
}

/**
 * The enable form. The current password is sent too, under both names an enable form may use for
 * it: an action that does not ask for it ignores the fields.
 */
export async function postEnable(
  client: Client,
  actionId: string,
  page: string,
  account: HttpAccount,
  secret: string,
) {
  return postForm(client, page, actionId, {
    code: await nextCode(account, secret),
    password: account.password,
    currentPassword: account.password,
  });
}

/** The recovery codes an enable (or regenerate) response shows. */
export function shownRecoveryCodes(response: HttpResponse): string[] | null {
  const shown = /"recoveryCodes":\[([^\]]*)\]/.exec(response.text());
  return shown ? (JSON.parse(`[${shown[1]}]`) as string[]) : null;
}

/** Whether the client's sign-in opens `page` (200, not a redirect). */
export async function opens(client: Client, page: string): Promise<boolean> {
  const response = await client.request("GET", page, { headers: { accept: "text/html" } });
  return response.status === 200;
}
