// The production server: Next.js behind a thin HTTP layer that decides the client's address from
// the socket and the trusted proxies, so nobody can claim another address with X-Forwarded-For.
// With APPMAIL_WORKERS above 1 the primary process forks that many workers sharing the port (Node's
// cluster, round robin): Next.js renders on one thread per process, so this is how one instance
// uses several cores. Every guard lives in the database, so workers share nothing else.
import cluster from "node:cluster";
import { createServer } from "node:http";
import next from "next";
import { ConfigError, loadConfig, type ServerConfig } from "./lib/config/env";
import {
  MAX_BODY_BYTES,
  REQUEST_TIMEOUT_CHECK_MS,
  REQUEST_TIMEOUT_MS,
} from "./lib/http/body-limits";
import { runSenderProcess } from "./lib/email/sender-process";
import { BoundedRequest } from "./lib/http/bounded-request";
import { answerClientError } from "./lib/http/client-error";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "./lib/http/client-address";
import {
  BODY_TOO_LARGE,
  dropUntrustedForwardedHeaders,
  hasUndeclaredBody,
  refusalBeforeBody,
  sendRefusal,
} from "./lib/http/raw-request-guard";

let config: ServerConfig;
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

// One outbox sender per instance, beside the server (docs/architecture.md, "The outbox").
const sender = cluster.isPrimary ? runSenderProcess() : null;

if (config.workers > 1 && cluster.isPrimary) {
  await runPrimary(config.workers);
} else {
  await serve();
}

/** Forks the workers, replaces one that dies, and stops them all on SIGINT or SIGTERM. */
async function runPrimary(workers: number) {
  let stopping = false;
  cluster.setupPrimary({ exec: import.meta.filename });
  for (let i = 0; i < workers; i++) cluster.fork();
  const listeningWorkers = new Set<number>();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    if (!listeningWorkers.has(worker.id)) {
      // It never served: the next one would fail the same way (a taken port, a bad build).
      console.error(`appmail: a worker failed to start (${signal ?? code}); stopping`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      process.exit(1);
    }
    console.error(
      `appmail: worker ${worker.process.pid} ended (${signal ?? code}); starting another`,
    );
    cluster.fork();
  });
  cluster.on("listening", (worker) => {
    listeningWorkers.add(worker.id);
    if (listeningWorkers.size === workers) {
      const shown = host === "0.0.0.0" ? "localhost" : host;
      console.log(`appmail: listening on http://${shown}:${port} (${workers} workers)`);
    }
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping = true;
      sender?.stop();
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
      process.exit(0);
    });
  }
}

async function serve() {
  const app = next({ dev: false, dir: import.meta.dirname, hostname: host, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const trustedProxyHops = config.trustedProxyHops;
  // Names this instance in a response header when several run behind a balancer (tests, operators).
  const instanceName = process.env.APPMAIL_INSTANCE_NAME?.replace(/[^\w.-]/g, "").slice(0, 40);
  // Requests are refused here, on their headers, before Next.js reads their bodies: see
  // lib/http/raw-request-guard.ts.
  // A request that has not fully arrived after REQUEST_TIMEOUT_MS is answered 408 by
  // `answerClientError` and cut off (docs/rules.md, rule 28).
  const limits = {
    IncomingMessage: BoundedRequest,
    requestTimeout: REQUEST_TIMEOUT_MS,
    headersTimeout: REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: REQUEST_TIMEOUT_CHECK_MS,
  };
  const server = createServer(limits, (request, response) => {
    const forwardedFor = request.headers["x-forwarded-for"];
    request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(
      request.socket.remoteAddress,
      Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor,
      trustedProxyHops,
    );
    dropUntrustedForwardedHeaders(request, trustedProxyHops);
    if (instanceName) response.setHeader("x-appmail-instance", instanceName);
    if (config.strictTransportSecurity) {
      response.setHeader("strict-transport-security", config.strictTransportSecurity);
    }

    const refusal = refusalBeforeBody(request);
    if (refusal) return sendRefusal(request, response, refusal);
    if (!hasUndeclaredBody(request)) return void handle(request, response);
    void request.holdBody(MAX_BODY_BYTES).then((verdict) => {
      if (verdict === "too large") {
        sendRefusal(request, response, BODY_TOO_LARGE);
      } else if (verdict === "within limit") void handle(request, response);
    });
  });

  server.on("clientError", answerClientError);

  server.listen(port, host, () => {
    if (!cluster.isPrimary) return;
    console.log(`appmail: listening on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      sender?.stop();
      server.close();
      process.exit(0);
    });
  }
}
