// The command-line options of the benchmark (bench/run.ts), the soak test (bench/soak.ts) and
// the seeding script (bench/seed.ts): one parser, and for each command its options, their
// environment variables and their defaults (`--tiny` picks the smoke test's smaller ones).
import path from "node:path";
import { parseArgs } from "node:util";
import type { Engine } from "./soak-database";

/** How a number is checked: seconds > 0, a count ≥ 1 (rounded), a fraction 0..1. */
type NumberKind = "seconds" | "count" | "fraction";

/**
 * The reader of a command's numbers: each is the flag's value, else the environment variable's,
 * else the default, and fails unless it fits its kind.
 */
function numberReader(values: Record<string, unknown>) {
  return (flag: string, kind: NumberKind, fallback: number, envName?: string): number => {
    const raw =
      (values[flag] as string | undefined) ?? (envName ? process.env[envName] : undefined);
    const parsed = Number(raw ?? fallback);
    const value = kind === "count" ? Math.round(parsed) : parsed;
    const fits =
      Number.isFinite(value) && (kind === "fraction" ? value >= 0 && value <= 1 : value > 0);
    if (!fits) throw new Error(`bad --${flag}: ${raw}`);
    return value;
  };
}

/** One parse of the command line: `text` options take a value, `flags` are on or off. */
function parse<Text extends string, Flag extends string>(
  argv: string[],
  text: readonly Text[],
  flags: readonly Flag[],
) {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries([
      ...text.map((name) => [name, { type: "string" as const }]),
      ...flags.map((name) => [name, { type: "boolean" as const, default: false }]),
    ]),
  });
  return values as Record<Text, string | undefined> & Record<Flag, boolean>;
}

const args = () => process.argv.slice(2);

/**
 *   --duration S       measured seconds (default 20; env BENCH_DURATION)
 *   --concurrency N    concurrent clients (default 50; env BENCH_CONCURRENCY)
 *   --accounts N       seeded accounts, each used once (default 6000; env BENCH_ACCOUNTS)
 *   --warmup S         unmeasured seconds first (default 10)
 *   --tiny             2 s, 4 clients, 200 accounts, one run, no Lighthouse (the smoke test)
 *   --engine E         sqlite (default), postgresql (a throwaway cluster on loopback, or
 *                      BENCH_POSTGRES_URL's server) or both, one after the other
 *   --runs N           runs in a row on each engine (default 3, --tiny 1): medians and spreads
 *   --workers N|auto   server processes (APPMAIL_WORKERS; default: the environment's, else 1)
 *   --profile          run the server under --cpu-prof and summarise where its main thread went
 *   --no-lighthouse    skip Lighthouse
 *   --out FILE         results file (default bench/results.json)
 *   --strict           exit 1 when a goal is missed (default: only on errors)
 */
export function benchOptions(argv = args()) {
  const values = parse(
    argv,
    ["duration", "concurrency", "accounts", "warmup", "workers", "out", "engine", "runs"],
    ["tiny", "profile", "no-lighthouse", "strict"],
  );
  const { tiny } = values;
  const number = numberReader(values);
  const engine = values.engine ?? "sqlite";
  if (!["sqlite", "postgresql", "both"].includes(engine))
    throw new Error(`bad --engine: ${engine}`);
  return {
    tiny,
    engines: (engine === "both" ? ["sqlite", "postgresql"] : [engine]) as Engine[],
    runs: number("runs", "count", tiny ? 1 : 3),
    durationSeconds: number("duration", "seconds", tiny ? 2 : 20, "BENCH_DURATION"),
    concurrency: number("concurrency", "count", tiny ? 4 : 50, "BENCH_CONCURRENCY"),
    accounts: number("accounts", "count", tiny ? 200 : 6000, "BENCH_ACCOUNTS"),
    warmupSeconds: number("warmup", "seconds", tiny ? 1 : 10),
    workers: values.workers,
    profile: values.profile,
    lighthouse: !tiny && !values["no-lighthouse"],
    out: path.resolve(values.out ?? path.join(import.meta.dirname, "..", "results.json")),
    strict: values.strict,
  };
}

/**
 *   --duration S            seconds (default 60; env SOAK_DURATION)
 *   --concurrency N         concurrent clients (default 200; env SOAK_CONCURRENCY)
 *   --accounts-per-client K accounts each client owns (default 6)
 *   --enrolled F            fraction of accounts seeded with 2FA already on (default 0.5)
 *   --replay F              fraction of verifications that first replay an accepted code (0.2)
 *   --tiny                  5 s, 10 clients, 4 accounts each (the smoke test)
 *   --kill-at S             fault mode: SIGKILL the server's process group S seconds in, then
 *                           restart it on the same data (default: no kill)
 *   --engine E              sqlite (default) or postgresql (SOAK_POSTGRES_URL's server, else a
 *                           throwaway cluster on loopback)
 */
export function soakOptions(argv = args()) {
  const values = parse(
    argv,
    ["duration", "concurrency", "accounts-per-client", "enrolled", "replay", "kill-at", "engine"],
    ["tiny"],
  );
  const engine = values.engine ?? "sqlite";
  if (engine !== "sqlite" && engine !== "postgresql") throw new Error(`bad --engine: ${engine}`);
  const { tiny } = values;
  const number = numberReader(values);
  return {
    durationSeconds: number("duration", "seconds", tiny ? 5 : 60, "SOAK_DURATION"),
    concurrency: number("concurrency", "count", tiny ? 10 : 200, "SOAK_CONCURRENCY"),
    perClient: number("accounts-per-client", "count", tiny ? 4 : 6),
    enrolledFraction: number("enrolled", "fraction", 0.5),
    replayFraction: number("replay", "fraction", 0.2),
    killAtSeconds: values["kill-at"] === undefined ? null : number("kill-at", "seconds", 0),
    engine: engine as "sqlite" | "postgresql",
  };
}

/**
 *   --accounts N        how many customer accounts (default 200)
 *   --enrolled F        fraction 0..1 of them with 2FA already enabled (default 1)
 *   --out FILE          where to write the account list (default <dataDir>/bench-accounts.json)
 */
export function seedOptions(argv = args()) {
  const values = parse(argv, ["accounts", "enrolled", "out"], []);
  const number = numberReader(values);
  return {
    accounts: number("accounts", "count", 200),
    enrolledFraction: number("enrolled", "fraction", 1),
    out: values.out,
  };
}
