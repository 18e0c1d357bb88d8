// `npm run soak`: many concurrent clients loop sign-in → (enrol when the account has no 2FA) →
// verify → sign out against a throwaway instance on 127.0.0.1, then check the database:
// no lost enrolment, no time-step accepted twice, the stored last step equals the highest step
// the clients had accepted, no 5xx, no lock. Prints `errors = 0` or the failures (exit 1).
// The options are in bench/lib/options.ts (soakOptions); the client loop in bench/lib/soak-client.ts.
import path from "node:path";
import { log } from "./lib/log";
import { soakOptions } from "./lib/options";
import { readActionIds } from "./lib/server-actions";
import { prepareInstance, removeDataDir, startServer } from "./lib/server";
import { checkDatabase, soakAccounts, tableRowCounts } from "./lib/soak-accounts";
import { clientLoop, fail, setReplayFraction, stats } from "./lib/soak-client";

const { durationSeconds, concurrency, perClient, enrolledFraction, replayFraction } = soakOptions();
setReplayFraction(replayFraction);

async function main() {
  const { env, port, dataDir, seeded } = await prepareInstance(
    "soak: ",
    concurrency * perClient,
    enrolledFraction,
  );
  const accounts = soakAccounts(seeded.accounts);
  const databaseFile = path.join(dataDir, "appmail.db");
  const rowsBefore = tableRowCounts(databaseFile);
  const server = await startServer(env, port);
  const actions = readActionIds();
  let exitCode = 1;
  try {
    log(`soak: ${concurrency} clients for ${durationSeconds} s, ${perClient} accounts each…`);
    const started = Date.now();
    const deadline = started + durationSeconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, (_, i) =>
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
    );
    const elapsed = (Date.now() - started) / 1000;
    await server.stop();
    const audit = checkDatabase(databaseFile, accounts, fail);
    // What the run left in each table (docs/rules.md, rule 23; README, "Storage budget").
    const rowsAfter = tableRowCounts(databaseFile);
    console.log("soak: rows per table");
    console.table(
      Object.fromEntries(
        Object.keys(rowsAfter).map((table) => [
          table,
          { before: rowsBefore[table] ?? 0, after: rowsAfter[table] },
        ]),
      ),
    );
    if ((audit.two_factor_enabled ?? 0) !== stats.enrolments) {
      stats.failures.push(
        `audit log has ${audit.two_factor_enabled ?? 0} two_factor_enabled events, clients enrolled ${stats.enrolments}`,
      );
    }
    const failures = [...stats.serverErrors, ...stats.failures];
    console.log(
      `soak: ${elapsed.toFixed(1)} s, ${concurrency} clients: ${stats.enrolments} enrolments, ` +
        `${stats.verifications} verified sign-ins, ${stats.replaysRejected} replays refused, ` +
        `${stats.signOuts} sign-outs, ${stats.waitsForStep} waits for a fresh time-step; ` +
        `HTTP ${JSON.stringify(Object.fromEntries([...stats.statuses].sort()))}`,
    );
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
  }
  process.exit(exitCode);
}

await main();
