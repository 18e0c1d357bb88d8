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

export class Client {
  /** Sees every response (the soak test counts server errors with it). */
  static observer: ((method: string, pathname: string, status: number) => void) | undefined;
  /** Called as each request starts (the benchmark's per-request CPU breakdown uses it). */
  static onStart: ((method: string, pathname: string, step?: string) => void) | undefined;
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
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method,
          headers,
        },
        (response) => {
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
                decoded ??= response.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
                return decoded.toString("utf8");
              },
            });
          });
          response.on("error", reject);
        },
      );
      request.setTimeout(60_000, () => request.destroy(new Error(`timeout ${method} ${pathname}`)));
      request.on("error", reject);
      if (options.body !== undefined) request.write(options.body);
      request.end();
    });
  }
}
