// A small HTTP client that keeps its cookies as a browser does: one per simulated user.
import http from "node:http";
import { gunzipSync } from "node:zlib";

export type HttpResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  ms: number;
  text: () => string;
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024, keepAliveMsecs: 1000 });
/** A connection of its own for each request, closed after the answer (`Connection: close`). */
const freshAgent = new http.Agent({ keepAlive: false, maxSockets: 1024 });

/** Methods whose request may be sent twice without doing anything twice (RFC 9110, 9.2.2). */
const idempotent = new Set(["GET", "HEAD"]);

/**
 * A kept-alive socket can be closed by the server (its keep-alive timeout, which a stalled
 * server's event loop runs before it reads the request waiting on the socket) just as the client
 * reuses it: the request then fails with ECONNRESET before any byte of an answer, unread. A
 * server that read it and died looks the same to the client, so only an idempotent request is
 * sent again, once, and counted (`Client.resent`); a POST must not meet the race at all.
 */
const closedUnderUs = (request: http.ClientRequest, error: NodeJS.ErrnoException) =>
  request.reusedSocket && error.code === "ECONNRESET";

export class Client {
  /** Sees every response (the soak test counts server errors with it). */
  static observer: ((method: string, pathname: string, status: number) => void) | undefined;
  /** Called as each request starts (the benchmark's per-request CPU breakdown uses it). */
  static onStart: ((method: string, pathname: string, step?: string) => void) | undefined;
  /**
   * Whether a request that is not idempotent (a POST) goes on a fresh connection, never on a
   * kept-alive one the server may close under it (the soak sets it: a reset there would be a
   * failure it cannot excuse). The benchmark keeps the default, connections reused.
   */
  static freshConnectionForPosts = false;
  /** Idempotent requests sent again after their reused socket was reset before any answer. */
  static resent = 0;
  readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private storeCookies(setCookie: string[] | undefined) {
    for (const line of setCookie ?? []) {
      const [pair, ...attributes] = line.split(";");
      const index = pair!.indexOf("=");
      if (index <= 0) continue;
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key, val] = attribute.trim().split("=");
        if (key?.toLowerCase() === "max-age") return Number(val) <= 0;
        if (key?.toLowerCase() === "expires") return Date.parse(val ?? "") <= Date.now();
        return false;
      });
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  request(
    method: string,
    pathname: string,
    options: { headers?: Record<string, string>; body?: string | Buffer; step?: string } = {},
  ): Promise<HttpResponse> {
    const url = new URL(pathname, this.baseUrl);
    const headers: Record<string, string> = {
      "user-agent": "appmail-bench/1",
      "accept-encoding": "gzip",
      ...options.headers,
    };
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    if (options.body !== undefined)
      headers["content-length"] = String(Buffer.byteLength(options.body));
    Client.onStart?.(method, pathname, options.step);
    const started = performance.now();
    const fresh = Client.freshConnectionForPosts && !idempotent.has(method);
    return new Promise((resolve, reject) => {
      const send = (resend: boolean) => {
        let answered = false;
        const request = http.request(
          {
            // A request sent again goes on a new connection: the other idle sockets of the pool
            // may be as stale as the one just reset.
            agent: fresh || resend ? freshAgent : agent,
            host: url.hostname,
            port: url.port,
            path: url.pathname + url.search,
            method,
            headers,
          },
          (response) => {
            answered = true;
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () => {
              const ms = performance.now() - started;
              Client.observer?.(method, pathname, response.statusCode ?? 0);
              this.storeCookies(response.headers["set-cookie"]);
              const raw = Buffer.concat(chunks);
              let decoded: Buffer | undefined;
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: raw,
                ms,
                text: () => {
                  decoded ??=
                    response.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
                  return decoded.toString("utf8");
                },
              });
            });
            response.on("error", reject);
          },
        );
        request.setTimeout(60_000, () =>
          request.destroy(new Error(`timeout ${method} ${pathname}`)),
        );
        request.on("error", (error: NodeJS.ErrnoException) => {
          // Only before any answer, and once: a reset of the new connection is the server's.
          if (!answered && !resend && idempotent.has(method) && closedUnderUs(request, error)) {
            Client.resent++;
            send(true);
          } else {
            // Which request failed, and how (the soak's failures name it).
            Object.assign(error, {
              request: `${method} ${pathname}`,
              reused: request.reusedSocket,
            });
            reject(error);
          }
        });
        if (options.body !== undefined) request.write(options.body);
        request.end();
      };
      send(false);
    });
  }
}
