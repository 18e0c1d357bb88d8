// The pages a user loads along the sign-in, each in its state (anonymous /login, a pending
// sign-in's /login/verify, a complete one's account page): the JavaScript they load at start
// and, when installed, their Lighthouse scores.
import { gzipSync } from "node:zlib";
import { Client } from "./http-client";
import { lighthouseScores, type LighthouseResult } from "./lighthouse";
import { replaySignIn, type ReplayPlan, type Target } from "./replay";
import type { SeededAccount } from "./server";

const gzipSizes = new Map<string, number>();

/** First-load JavaScript (gzip) of a page: every script it loads at start. */
async function firstLoadJs(client: Client, pathname: string) {
  const page = await client.request("GET", pathname, { headers: { accept: "text/html" } });
  if (page.status !== 200) throw new Error(`GET ${pathname}: HTTP ${page.status}`);
  const html = page.text();
  const sources = new Set<string>();
  // noModule scripts (Next's legacy polyfills) are skipped by every browser that runs modules.
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) {
    if (!/\bnomodule\b/i.test(match[0])) sources.add(match[1]!);
  }
  const preloads = new Set<string>();
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    if (/rel="preload"/.test(match[0]) && /as="script"/.test(match[0])) {
      const href = /href="([^"]+)"/.exec(match[0]);
      if (href && !sources.has(href[1]!)) preloads.add(href[1]!);
    }
  }
  const size = async (src: string) => {
    let bytes = gzipSizes.get(src);
    if (bytes === undefined) {
      const response = await client.request("GET", src.replaceAll("&amp;", "&"), {
        headers: { "accept-encoding": "identity" },
      });
      if (response.status !== 200) throw new Error(`GET ${src}: HTTP ${response.status}`);
      bytes = gzipSync(response.body).length;
      gzipSizes.set(src, bytes);
    }
    return bytes;
  };
  let scripts = 0;
  for (const src of sources) scripts += await size(src);
  let preloaded = 0;
  for (const src of preloads) preloaded += await size(src);
  const kb = (bytes: number) => Math.round(bytes / 100) / 10;
  return {
    kb: kb(scripts + preloaded),
    scriptsKb: kb(scripts),
    preloadedKb: kb(preloaded),
    files: sources.size + preloads.size,
  };
}

export type PageFigures = {
  firstLoadJsKb: Record<string, Awaited<ReturnType<typeof firstLoadJs>>>;
  lighthouse: LighthouseResult;
};

/**
 * `accounts`: two accounts with 2FA no other sign-in uses (one pending, one signed in).
 * Lighthouse runs when `runLighthouse` (the app's pages only).
 */
export async function measurePages(
  target: Target,
  plan: ReplayPlan,
  accounts: SeededAccount[],
  password: string,
  runLighthouse: boolean,
): Promise<PageFigures> {
  const { baseUrl } = target;
  const anonymous = new Client(baseUrl);
  const pending = await replaySignIn(target, plan, accounts[0]!, password, {}, "step2");
  const complete = await replaySignIn(target, plan, accounts[1]!, password, {});
  const firstLoadJsKb = {
    "/login": await firstLoadJs(anonymous, "/login"),
    "/login/verify": await firstLoadJs(pending, "/login/verify"),
    "/customer/account": await firstLoadJs(complete, "/customer/account"),
  };
  const lighthouse: LighthouseResult = runLighthouse
    ? await lighthouseScores(baseUrl, [
        { pathname: "/login", cookie: "" },
        { pathname: "/login/verify", cookie: pending.cookieHeader() },
        { pathname: "/customer/account", cookie: complete.cookieHeader() },
      ])
    : { status: "skipped" };
  return { firstLoadJsKb, lighthouse };
}
