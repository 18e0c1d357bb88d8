// The HTTP layer in front of Next.js, observed on the built app started as `npm start` starts it:
// bodies over the limit are refused before anything parses them (the server's own CPU time is
// measured), and Strict-Transport-Security is sent exactly when the app is served over HTTPS.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/postgres";

const root = path.resolve(import.meta.dirname, "..", "..");
const scratch = mkdtempSync(path.join(os.tmpdir(), "appmail-http-guards-"));
const distDir = process.env.NEXT_DIST_DIR || ".next";

type Server = { url: string; process: ChildProcess; output: () => string };
const servers: Server[] = [];

/** Starts the app the way `npm start` does (building first when needed), in this process's eyes. */
async function startApp(publicUrl: (port: number) => string): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith("APPMAIL_") || name.startsWith("NEXTAUTH_")) delete env[name];
  }
  Object.assign(env, {
    PORT: String(port),
    HOST: "127.0.0.1",
    APPMAIL_DATA_DIR: mkdtempSync(path.join(scratch, "data-")),
    NEXTAUTH_URL: publicUrl(port),
    NEXT_TELEMETRY_DISABLED: "1",
  });
  // `node --import tsx` rather than the tsx command: the process measured is the server itself.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const server: Server = { url: `http://127.0.0.1:${port}`, process: child, output: () => output };
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    const onData = (data: Buffer) => {
      output += data.toString();
      if (output.includes("appmail: listening")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the app exited (${code}):\n${output}`)));
  });
  return server;
}

/** CPU time (user + system) the process has used, in milliseconds. */
function cpuMilliseconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime, fields 14 and 15 of proc(5), in clock ticks of 1/100 s on Linux.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

// Kept alive as browsers and Playwright keep theirs: a client that asks to close instead may see
// its upload cut off once the answer is sent.
const agent = new http.Agent({ keepAlive: true });

/**
 * Posts `body` with Content-Length, or as chunks of no declared length (chunked), and resolves
 * once the answer has arrived and the whole body has been sent.
 */
function post(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
  { chunked = false } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: "POST",
      headers: chunked ? headers : { ...headers, "content-length": String(body.length) },
      agent,
    });
    let sent = false;
    let answer: Answer | undefined;
    const done = () => sent && answer && resolve(answer);
    request.on("error", reject);
    request.on("finish", () => {
      sent = true;
      done();
    });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => {
        answer = { status: response.statusCode!, headers: response.headers, body: text };
        done();
      });
    });
    const chunkSize = chunked ? 64 * 1024 : body.length;
    for (let at = 0; at < body.length; at += chunkSize) {
      request.write(body.subarray(at, at + chunkSize));
    }
    request.end();
  });
}

const BOUNDARY = "----appmailGuardBoundary";

/** A multipart body of as many one-byte fields as fit in `bytes`. */
function tinyParts(bytes: number): Buffer {
  const part = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n`;
  const closing = `--${BOUNDARY}--\r\n`;
  const count = Math.floor((bytes - closing.length) / part.length);
  return Buffer.from(part.repeat(count) + closing);
}

/** The id of the sign-out action in the build the app serves. */
function signOutActionId(): string {
  const manifest = JSON.parse(
    readFileSync(path.join(root, distDir, "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { exportedName: string }> };
  const entry = Object.entries(manifest.node).find(([, a]) => a.exportedName === "signOutAction");
  return entry![0];
}

/** The app served over plain HTTP, as in development and behind no proxy. */
let app: Server;
let actionHeaders: Record<string, string>;

beforeAll(async () => {
  app = await startApp((port) => `http://127.0.0.1:${port}`);
  actionHeaders = {
    "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
    "next-action": signOutActionId(),
    accept: "text/x-component",
    origin: app.url,
  };
  // Warm up, so that what is measured below is the request and not the first render.
  expect((await fetch(`${app.url}/login`)).status).toBe(200);
}, 300_000);

afterAll(() => {
  agent.destroy();
  for (const server of servers) server.process.kill("SIGTERM");
  rmSync(scratch, { recursive: true, force: true });
});

describe("request bodies over the limit", () => {
  it("a 9.9 MB action post of tiny parts gets 413 and costs the server almost no CPU", async () => {
    const body = tinyParts(9_900_000);
    const before = cpuMilliseconds(app.process.pid!);
    const started = performance.now();
    const answer = await post(`${app.url}/login`, actionHeaders, body);
    const wall = performance.now() - started;
    const cpu = cpuMilliseconds(app.process.pid!) - before;
    console.log(
      `9.9 MB of tiny parts: ${answer.status}, ${Math.round(wall)} ms, server CPU ${cpu} ms`,
    );

    expect(answer.status).toBe(413);
    expect(answer.body).toBe("The request is too large.");
    // Parsing it took the server 0.7 to 1.3 s of CPU; reading and dropping 9.9 MB takes a few ms.
    expect(cpu).toBeLessThan(150);
  });

  it("the same body sent chunked, with no Content-Length, gets 413 too", async () => {
    const answer = await post(`${app.url}/login`, actionHeaders, tinyParts(9_900_000), {
      chunked: true,
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toBe("The request is too large.");
  });

  it("the refusal is in the language the request's Accept-Language asks for", async () => {
    const body = Buffer.alloc(1024 * 1024 + 1);
    const german = await post(`${app.url}/login`, { "accept-language": "de-CH, en;q=0.5" }, body);
    expect(german.status).toBe(413);
    expect(german.body).toBe("Die Anfrage ist zu groß.");
    const spanish = await post(`${app.url}/login`, { "accept-language": "es" }, body, {
      chunked: true,
    });
    expect(spanish.status).toBe(413);
    expect(spanish.body).toBe("La solicitud es demasiado grande.");
  });

  it("a chunked body within the limit reaches the action unchanged", async () => {
    const body = Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--${BOUNDARY}--\r\n`,
    );
    // A cookie that names no sign-in: the proxy lets the post through to /login/verify, and the
    // sign-out action, once its form is read, sends the browser to /login.
    const headers = { ...actionHeaders, cookie: "next-auth.session-token=stale" };
    for (const chunked of [false, true]) {
      const answer = await post(`${app.url}/login/verify`, headers, body, { chunked });
      expect(answer.status, `chunked: ${chunked}`).toBe(200);
      expect(answer.headers["x-action-redirect"], `chunked: ${chunked}`).toBe("/login;push");
    }
  });
});

/**
 * A client that sends a post's headers and then one byte of its body a second, as a slow-loris
 * upload does. Resolves with what the server answered and when it closed the connection, or with
 * `closed: null` if it was still open after `giveUpMs`.
 */
function slowUpload(
  url: string,
  headers: Record<string, string>,
  giveUpMs: number,
): Promise<{ answer: string; closedAfterMs: number | null }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(Number(port), hostname);
    let answer = "";
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`POST /login HTTP/1.1\r\nHost: ${hostname}:${port}\r\n${lines.join("")}\r\n`);
    // One byte, framed as a chunk when the body is chunked.
    const piece = headers["transfer-encoding"] === "chunked" ? "1\r\nx\r\n" : "x";
    const trickle = setInterval(() => socket.write(piece), 1_000);
    const finish = (closedAfterMs: number | null) => {
      clearInterval(trickle);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ answer, closedAfterMs });
    };
    const giveUp = setTimeout(() => finish(null), giveUpMs);
    socket.on("data", (data: Buffer) => (answer += data.toString()));
    socket.on("error", () => {});
    socket.on("close", () => finish(performance.now() - started));
  });
}

describe("slow request bodies", () => {
  it("a body still arriving after 30 s is answered 408 and cut off, declared or chunked", async () => {
    // Node's default lets such an upload hold its connection, and up to 1 MB, for five minutes.
    const declared = { ...actionHeaders, "content-length": "100000" };
    const chunked = { ...actionHeaders, "transfer-encoding": "chunked" };
    const uploads = await Promise.all([
      slowUpload(app.url, declared, 45_000),
      slowUpload(app.url, chunked, 45_000),
    ]);
    for (const [index, { answer, closedAfterMs }] of uploads.entries()) {
      const kind = index === 0 ? "declared" : "chunked";
      console.log(`slow ${kind} upload: closed after ${Math.round(closedAfterMs ?? -1)} ms`);
      expect(closedAfterMs, kind).not.toBeNull();
      expect(closedAfterMs!, kind).toBeGreaterThanOrEqual(29_000);
      expect(closedAfterMs!, kind).toBeLessThan(40_000);
      expect(answer, kind).toMatch(/^HTTP\/1\.1 408 /);
    }
    // The server goes on answering everyone else.
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  }, 60_000);
});

describe("Strict-Transport-Security", () => {
  it("is sent on every response when NEXTAUTH_URL is https, and never over plain HTTP", async () => {
    const secure = await startApp(() => "https://mail.example.com");
    for (const path of ["/login", "/api/health", "/backend"]) {
      const response = await fetch(`${secure.url}${path}`, { redirect: "manual" });
      expect(response.headers.get("strict-transport-security"), path).toBe(
        "max-age=31536000; includeSubDomains",
      );
    }
    const refused = await post(`${secure.url}/login`, {}, Buffer.alloc(1024 * 1024 + 1));
    expect(refused.status).toBe(413);
    expect(refused.headers["strict-transport-security"]).toBe(
      "max-age=31536000; includeSubDomains",
    );

    for (const path of ["/login", "/api/health"]) {
      const response = await fetch(`${app.url}${path}`, { redirect: "manual" });
      expect(response.headers.get("strict-transport-security"), path).toBeNull();
    }
  }, 300_000);
});
