// The floor's server, shaped like the app's server.ts: Next.js's request handler on node:http,
// with FLOOR_WORKERS above 1 that many cluster workers sharing the port.
import cluster from "node:cluster";
import { createServer } from "node:http";
import next from "next";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const workers = Number(process.env.FLOOR_WORKERS ?? 1);

// Stopped by a signal, it exits as a process should (so that `--cpu-prof` writes its profile).
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    process.exit(0);
  });
}

if (workers > 1 && cluster.isPrimary) {
  cluster.setupPrimary({ exec: import.meta.filename });
  for (let i = 0; i < workers; i++) cluster.fork();
} else {
  const app = next({ dev: false, dir: import.meta.dirname, hostname: host, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  createServer((request, response) => void handle(request, response)).listen(port, host);
}
