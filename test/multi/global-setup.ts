// Two app instances over one PostgreSQL, with nginx on loopback in front (round robin).
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, freePort, startPostgres } from "../support/postgres";

const root = path.resolve(import.meta.dirname, "..", "..");

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer in time`);
}

function nginxConfig(folder: string, listen: number, upstreams: number[]) {
  return `worker_processes 1;
daemon on;
pid ${folder}/nginx.pid;
error_log ${folder}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${folder}/body;
  proxy_temp_path ${folder}/proxy;
  fastcgi_temp_path ${folder}/fastcgi;
  uwsgi_temp_path ${folder}/uwsgi;
  scgi_temp_path ${folder}/scgi;
  upstream appmail { ${upstreams.map((port) => `server 127.0.0.1:${port};`).join(" ")} }
  upstream instance_a { server 127.0.0.1:${upstreams[0]}; }
  upstream instance_b { server 127.0.0.1:${upstreams[1]}; }
  # A test may pin its requests to one instance, keeping the balancer's origin (passkeys).
  map $http_x_appmail_pin $appmail_upstream { a instance_a; b instance_b; default appmail; }
  server {
    listen 127.0.0.1:${listen};
    listen [::1]:${listen};
    location / {
      proxy_pass http://$appmail_upstream;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`;
}

export default async function globalSetup() {
  const postgres = await startPostgres();
  const databaseUrl = await createDatabase(postgres.url, `appmail_multi_${Date.now()}`);
  const [portA, portB, balancerPort] = [await freePort(), await freePort(), await freePort()];
  // localhost, not 127.0.0.1: WebAuthn refuses an IP address as the relying party.
  const balancer = `http://localhost:${balancerPort}`;
  const folder = mkdtempSync(path.join(os.tmpdir(), "appmail-multi-"));
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    APPMAIL_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_URL: balancer,
    APPMAIL_TRUSTED_PROXY_HOPS: "1",
    APPMAIL_DATA_DIR: folder,
    HOST: "127.0.0.1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const servers: ChildProcess[] = [];
  // The first instance prepares (migrations, build if needed); the second then starts at once.
  for (const [name, port] of [
    ["a", portA],
    ["b", portB],
  ] as const) {
    const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
      cwd: root,
      env: { ...env, PORT: String(port), APPMAIL_INSTANCE_NAME: name },
      stdio: ["ignore", "ignore", "inherit"],
    });
    servers.push(child);
    await waitForHealth(`http://127.0.0.1:${port}/api/health`, child, 300_000);
  }
  writeFileSync(path.join(folder, "nginx.conf"), nginxConfig(folder, balancerPort, [portA, portB]));
  execFileSync("nginx", ["-c", path.join(folder, "nginx.conf"), "-p", folder]);

  process.env.APPMAIL_MULTI = JSON.stringify({
    balancer,
    instanceA: `http://127.0.0.1:${portA}`,
    instanceB: `http://127.0.0.1:${portB}`,
    env: {
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: env.NEXTAUTH_SECRET,
      APPMAIL_ENCRYPTION_KEY: env.APPMAIL_ENCRYPTION_KEY,
      APPMAIL_DATA_DIR: folder,
    },
  });

  return async () => {
    try {
      execFileSync("nginx", ["-c", path.join(folder, "nginx.conf"), "-p", folder, "-s", "stop"]);
    } catch {
      // already stopped
    }
    for (const server of servers) server.kill("SIGTERM");
    postgres.stop();
  };
}
