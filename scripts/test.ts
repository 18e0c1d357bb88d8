// `npm test`: every check in order, after making sure the machine has what the browser and
// multi-instance suites need. `npm test -- --skip browser,multi` leaves those parts out. There is
// no `tsc` of its own: `next build` type-checks the whole project with tsconfig.json as `tsc` does
// (tests and scripts included), and Next's route types too.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureSystemPackages, systemPackagesFor, type Suite } from "./test-prerequisites";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

type Step = { name: string; suite?: Suite; command: string; args: string[] };

const steps: Step[] = [
  { name: "prisma client", command: bin("tsx"), args: ["scripts/prepare.ts", "--generate-only"] },
  { name: "format", command: bin("prettier"), args: ["--check", "."] },
  { name: "lint", command: bin("eslint"), args: ["."] },
  {
    name: "postgresql schema",
    command: bin("tsx"),
    args: ["scripts/postgres-schema.ts", "--check"],
  },
  // The integration tests that serve the app, the benchmark's smoke test and the browser suite
  // all use this one build (NEXT_DIST_DIR, default .next).
  { name: "types and build", command: bin("tsx"), args: ["scripts/build.ts"] },
  { name: "unit and integration", suite: "unit", command: bin("vitest"), args: ["run"] },
  { name: "browser", suite: "browser", command: bin("playwright"), args: ["test"] },
  {
    name: "multi-instance",
    suite: "multi",
    command: bin("playwright"),
    args: ["test", "-c", "test/multi/playwright.config.ts"],
  },
];

function parseSkip(argv: string[]): Set<string> {
  const skip = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const value = arg.startsWith("--skip=") ? arg.slice(7) : arg === "--skip" ? argv[++i] : null;
    if (value === null) {
      console.error(`npm test: unknown argument "${arg}" (use --skip unit,browser,multi)`);
      process.exit(2);
    }
    for (const name of (value ?? "").split(",")) if (name) skip.add(name.trim());
  }
  return skip;
}

const skip = parseSkip(process.argv.slice(2));
const selected = steps.filter((step) => !step.suite || !skip.has(step.suite));
ensureSystemPackages(systemPackagesFor(new Set(selected.flatMap((step) => step.suite ?? []))));

// Debian puts nginx in /usr/sbin, which a non-login shell's PATH may lack.
const env = {
  ...process.env,
  PATH: `${process.env.PATH ?? ""}:/usr/sbin`,
  NEXT_TELEMETRY_DISABLED: "1",
};
const started = Date.now();
const timings: { name: string; seconds: number; status: string }[] = [];

function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, "0")} s`;
}

/** Every part's time and the total, printed at the end whether the run passed or failed. */
function printTimings(): void {
  const total = (Date.now() - started) / 1000;
  const width = Math.max(5, ...timings.map((row) => row.name.length));
  console.log(`\n${"part".padEnd(width)}  ${"seconds".padStart(7)}  time`);
  for (const row of timings) {
    const mark = row.status === "failed" ? "  (failed)" : "";
    console.log(
      `${row.name.padEnd(width)}  ${row.seconds.toFixed(1).padStart(7)}  ${formatDuration(row.seconds)}${mark}`,
    );
  }
  console.log(
    `${"total".padEnd(width)}  ${total.toFixed(1).padStart(7)}  ${formatDuration(total)}`,
  );
}

for (const step of selected) {
  const stepStarted = Date.now();
  console.log(`\n▶ ${step.name}`);
  const result = spawnSync(step.command, step.args, { cwd: root, env, stdio: "inherit" });
  const seconds = (Date.now() - stepStarted) / 1000;
  const failed = result.status !== 0;
  timings.push({ name: step.name, seconds, status: failed ? "failed" : "passed" });
  if (failed) {
    console.error(`\n✗ ${step.name} failed after ${formatDuration(seconds)}`);
    printTimings();
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${step.name} (${formatDuration(seconds)})`);
}
printTimings();
console.log(`\nAll checks passed in ${formatDuration((Date.now() - started) / 1000)}.`);
