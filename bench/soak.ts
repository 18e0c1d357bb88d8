// `npm run soak`: many concurrent clients loop sign-in → (enrol when the account has no 2FA) →
// verify → sign out against a throwaway instance on 127.0.0.1, then check the database:
// no lost enrolment or sign-in, no time-step accepted twice, the stored last step equals the
// highest step the clients had accepted, no 5xx, no right password refused, no lock, no counter
// left holding anything. Prints `errors = 0` or the failures (exit 1).
//
// `--kill-at S` (fault mode): S seconds in, the server's whole process group is SIGKILLed, then
// started again on the same data as `npm start` would (migrations, then the server), while the
// clients go on; a flow the kill cut off retires its account (what it did may be stored unseen),
// and the database must hold everything acknowledged and pass its engine's integrity check.
// `--engine postgresql` runs it all on PostgreSQL. The options are in bench/lib/options.ts
// (soakOptions); the client loop in bench/lib/soak-client.ts.
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { log } from "./lib/log";
import { soakOptions } from "./lib/options";
import { readActionIds } from "./lib/server-actions";
import {
  prepareDatabase,
  prepareInstance,
  removeDataDir,
  startServer,
  type RunningServer,
} from "./lib/server";
import { Client } from "./lib/http-client";
import { checkDatabase, leftoverLocks, soakAccounts } from "./lib/soak-accounts";
import { clientLoop, fail, outage, setReplayFraction, stats } from "./lib/soak-client";
import { openSoakDatabase, runPostgres } from "./lib/soak-database";

const options = soakOptions();
const { durationSeconds, concurrency, perClient, enrolledFraction, replayFraction } = options;
const { killAtSeconds, engine } = options;
setReplayFraction(replayFraction);

/** The lease generation of lib/auth/throttle-wait.ts (10 s), to read the counters at the end. */
const leaseGeneration = (ms: number) => Math.floor(ms / 10_000);

async function main() {
  const postgres = engine === "postgresql" ? await runPostgres("soak") : null;
  const { env, port, dataDir, seeded } = await prepareInstance(
    "soak: ",
    concurrency * perClient,
    enrolledFraction,
    postgres ?? undefined,
  );
  const target = postgres?.url ?? path.join(dataDir, "appmail.db");
  const accounts = soakAccounts(seeded.accounts);
  const before = await openSoakDatabase(engine, target);
  const rowsBefore = await before.tableRowCounts();
  await before.close();
  let server: RunningServer = await startServer(env, port, [], "server.ts", true);
  const actions = readActionIds();
  let exitCode = 1;
  let restartSeconds: number | null = null;
  let resentBeforeKill: number | null = null;
  try {
    log(
      `soak: ${concurrency} clients for ${durationSeconds} s on ${engine}, ${perClient} accounts each…`,
    );
    const started = Date.now();
    const deadline = started + durationSeconds * 1000;
    const fault =
      killAtSeconds === null
        ? null
        : (async () => {
            await sleep(killAtSeconds * 1000);
            let serverBack = () => {};
            outage.back = new Promise((resolve) => (serverBack = resolve));
            outage.killed = true;
            resentBeforeKill = Client.resent;
            const killedAt = Date.now();
            process.kill(-server.pid, "SIGKILL");
            log(
              `soak: killed the server's process group at ${killAtSeconds} s; starting it again…`,
            );
            await server.stop();
            prepareDatabase(env);
            server = await startServer(env, port, [], "server.ts", true);
            restartSeconds = (Date.now() - killedAt) / 1000;
            log(`soak: server back after ${restartSeconds.toFixed(1)} s`);
            serverBack();
          })();
    await Promise.all([
      ...Array.from({ length: concurrency }, (_, i) =>
        clientLoop(
          server.baseUrl,
          actions,
          // Half the clients start with an account to enrol, half with one to verify.
          i % 2 === 0
            ? accounts.slice(i * perClient, (i + 1) * perClient)
            : accounts.slice(i * perClient, (i + 1) * perClient).reverse(),
          seeded.password,
          deadline,
        ),
      ),
      fault,
    ]);
    const elapsed = (Date.now() - started) / 1000;
    await server.stop();
    const db = await openSoakDatabase(engine, target);
    try {
      const audit = await checkDatabase(db, accounts, fail);
      const integrity = await db.integrity();
      if (integrity !== "ok") stats.failures.push(`integrity check: ${integrity}`);
      for (const lock of await leftoverLocks(db, leaseGeneration(Date.now()))) {
        stats.failures.push(`a password counter left holding something: ${lock}`);
      }
      // What the run left in each table (docs/rules.md, rule 23; README, "Storage budget").
      const rowsAfter = await db.tableRowCounts();
      console.log("soak: rows per table");
      console.table(
        Object.fromEntries(
          Object.keys(rowsAfter).map((table) => [
            table,
            { before: rowsBefore[table] ?? 0, after: rowsAfter[table] },
          ]),
        ),
      );
      const enabled = audit.two_factor_enabled ?? 0;
      // A kill may cut off an enrolment after it was stored: never fewer than acknowledged.
      if (killAtSeconds === null ? enabled !== stats.enrolments : enabled < stats.enrolments) {
        stats.failures.push(
          `audit log has ${enabled} two_factor_enabled events, clients enrolled ${stats.enrolments}`,
        );
      }
      console.log(`soak: integrity check ${integrity}`);
    } finally {
      await db.close();
    }
    const failures = [...stats.serverErrors, ...stats.failures];
    console.log(
      `soak: ${elapsed.toFixed(1)} s on ${engine}, ${concurrency} clients: ${stats.signIns} ` +
        `sign-ins acknowledged, ${stats.refusedPasswords} right passwords refused, ` +
        `${stats.enrolments} enrolments, ${stats.verifications} verified sign-ins, ` +
        `${stats.replaysRejected} replays refused, ${stats.signOuts} sign-outs, ` +
        `${stats.waitsForStep} waits for a fresh time-step, ` +
        `${Client.resent} GETs sent again after a kept-alive socket's reset; ` +
        `HTTP ${JSON.stringify(Object.fromEntries([...stats.statuses].sort()))}`,
    );
    if (killAtSeconds !== null) {
      console.log(
        `soak: killed at ${killAtSeconds} s, back after ${restartSeconds ?? "?"} s; ` +
          `${stats.interrupted} flows cut off (their accounts retired); ` +
          `${resentBeforeKill ?? "?"} GETs sent again before the kill`,
      );
    }
    if (failures.length === 0) {
      console.log("errors = 0");
      exitCode = 0;
    } else {
      console.log(`errors = ${failures.length}`);
      for (const failure of failures.slice(0, 30)) console.log(`  ${failure}`);
    }
  } finally {
    await server.stop();
    removeDataDir(dataDir);
    postgres?.stop();
  }
  process.exit(exitCode);
}

await main();
