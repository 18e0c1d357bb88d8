// The production server: Next.js behind a thin HTTP layer that decides the client's address from
// the socket and the trusted proxies, so nobody can claim another address with X-Forwarded-For.
import { createServer } from "node:http";
import next from "next";
import { ConfigError, loadConfig } from "./lib/config/env";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "./lib/http/client-address";

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`appmail: ${error.message}`);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
process.env.NEXT_TELEMETRY_DISABLED = "1";

const app = next({ dev: false, dir: import.meta.dirname, hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();

const trustedProxyHops = config.trustedProxyHops;
// Names this instance in a response header when several run behind a balancer (tests, operators).
const instanceName = process.env.APPMAIL_INSTANCE_NAME?.replace(/[^\w.-]/g, "").slice(0, 40);
const server = createServer((request, response) => {
  const forwardedFor = request.headers["x-forwarded-for"];
  request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(
    request.socket.remoteAddress,
    Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor,
    trustedProxyHops,
  );
  if (trustedProxyHops === 0) delete request.headers["x-forwarded-for"];
  if (instanceName) response.setHeader("x-appmail-instance", instanceName);
  void handle(request, response);
});

server.listen(port, host, () => {
  console.log(`appmail: listening on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
