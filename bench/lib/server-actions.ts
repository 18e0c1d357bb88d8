// Next.js server actions as a browser calls them: their ids from the build's manifest, and the
// wire format React 19 / Next 16 use to post them.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Client, HttpResponse } from "./http-client";
import { DIST_DIR, root } from "./server";

export type ActionIds = {
  verifyLoginCodeAction: string;
  startTwoFactorSetupAction: string;
  enableTwoFactorAction: string;
  signOut: string;
};

export function readActionIds(): ActionIds {
  const manifest = JSON.parse(
    readFileSync(path.join(root, DIST_DIR, "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { filename: string; exportedName: string }> };
  const find = (filename: string, exportedName: string) => {
    const entry = Object.entries(manifest.node).find(
      ([, value]) => value.filename === filename && value.exportedName === exportedName,
    );
    if (!entry) throw new Error(`server action ${filename}#${exportedName} not in the manifest`);
    return entry[0];
  };
  return {
    verifyLoginCodeAction: find("app/(public)/login/verify/actions.ts", "verifyLoginCodeAction"),
    startTwoFactorSetupAction: find(
      "components/two-factor/actions.ts",
      "startTwoFactorSetupAction",
    ),
    enableTwoFactorAction: find("components/two-factor/actions.ts", "enableTwoFactorAction"),
    signOut: find("components/sign-out/actions.ts", "signOutAction"),
  };
}

/** The Next-Router-State-Tree header a browser sends from a page (segments of its route). */
function routerStateTree(segments: string[]): string {
  let tree: unknown = ["__PAGE__", {}, null, null, 0];
  for (const segment of [...segments].reverse())
    tree = [segment, { children: tree }, null, null, 0];
  const top = ["", { children: tree }, null, null, 16];
  return encodeURIComponent(JSON.stringify(top));
}

const ROUTE_SEGMENTS: Record<string, string[]> = {
  "/login/verify": ["(public)", "login", "verify"],
  "/customer": ["(customer)", "customer"],
  "/customer/account": ["(customer)", "customer", "account"],
};

/**
 * Posts a server action as React does from a form. A useActionState form sends multipart form
 * data: its fields prefixed "_1_" and field "0" = [previousState, "$K1"]; a plain form action
 * with no fields sends the JSON text "[]". Captured from Chromium against this app (Next 16.4).
 * `recorded`: the headers a recording saw (bench/flow.json) and the step's name for the breakdown.
 */
export function postAction(
  client: Client,
  page: string,
  actionId: string,
  form?: { previousState: unknown; fields: Record<string, string> },
  recorded: { headers?: Record<string, string>; step?: string } = {},
): Promise<HttpResponse> {
  const headers: Record<string, string> = {
    accept: "text/x-component",
    "next-router-state-tree": routerStateTree(ROUTE_SEGMENTS[page] ?? []),
    ...recorded.headers,
    "next-action": actionId,
    origin: client.baseUrl,
    referer: new URL(page, client.baseUrl).href,
  };
  delete headers["content-type"];
  const { step } = recorded;
  if (!form) {
    return client.request("POST", page, {
      headers: { ...headers, "content-type": "text/plain;charset=UTF-8" },
      body: "[]",
      step,
    });
  }
  const boundary = `----AppMailBench${Math.random().toString(36).slice(2)}`;
  const parts = Object.entries(form.fields).map(([name, value]) => [`_1_${name}`, value]);
  parts.push(["0", JSON.stringify([form.previousState, "$K1"])]);
  const body =
    parts
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join("") + `--${boundary}--\r\n`;
  return client.request("POST", page, {
    headers: { ...headers, "content-type": `multipart/form-data; boundary=${boundary}` },
    body,
    step,
  });
}

/** Where a server action sent the browser ("/customer;push" → "/customer"), if anywhere. */
export function actionRedirect(response: HttpResponse): string | null {
  const header = response.headers["x-action-redirect"];
  const value = Array.isArray(header) ? header[0] : header;
  if (value) return value.split(";")[0]!;
  if (response.status === 303 || response.status === 307) {
    return String(response.headers.location ?? "") || null;
  }
  return null;
}
