// `npm test`: every check, after making sure the machine has what the browser and multi-instance
// suites need. `npm test -- --skip browser,multi` leaves those parts out. Prettier, ESLint and the
// PostgreSQL schema check read the sources on one core each, so they run side by side; the build
// then runs alone (it uses every core), and its `next build` type-checks the whole project with
// tsconfig.json as `tsc` does, and Next's route types too; the suites run one after another on it.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { ensureSystemPackages, systemPackagesFor, type Suite } from "./test-prerequisites";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

type Step = { name: string; suite?: Suite; command: string; args: string[] };

const prismaClient: Step = {
  name: "prisma client",
  command: bin("tsx"),
  args: ["scripts/prepare.ts", "--generate-only"],
};

/** Independent of each other: run at the same time, each one's output shown when it ends. */
const checks: Step[] = [
  { name: "format", command: bin("prettier"), args: ["--check", "."] },
  { name: "lint", command: bin("eslint"), args: ["."] },
  {
    name: "postgresql schema",
    command: bin("tsx"),
    args: ["scripts/postgres-schema.ts", "--check"],
  },
];

// The integration tests that serve the app, the benchmark's smoke test and the browser suite all
// use this one build (NEXT_DIST_DIR, default .next).
const build: Step = { name: "types and build", command: bin("tsx"), args: ["scripts/build.ts"] };

const suites: Step[] = [
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
const selectedSuites = suites.filter((step) => !skip.has(step.suite!));
ensureSystemPackages(systemPackagesFor(new Set(selectedSuites.map((step) => step.suite!))));

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

function passed(step: Step, seconds: number): void {
  timings.push({ name: step.name, seconds, status: "passed" });
  console.log(`✓ ${step.name} (${formatDuration(seconds)})`);
}

function failed(step: Step, seconds: number, status: number | null): never {
  timings.push({ name: step.name, seconds, status: "failed" });
  console.error(`\n✗ ${step.name} failed after ${formatDuration(seconds)}`);
  printTimings();
  process.exit(status || 1);
}

/** One step with its output on the terminal as it comes. */
function runInOrder(step: Step): void {
  const stepStarted = Date.now();
  console.log(`\n▶ ${step.name}`);
  const result = spawnSync(step.command, step.args, { cwd: root, env, stdio: "inherit" });
  const seconds = (Date.now() - stepStarted) / 1000;
  if (result.status !== 0) failed(step, seconds, result.status);
  passed(step, seconds);
}

/** Runs a step with its output kept, and resolves with its status and output when it ends. */
function runKept(
  step: Step,
): Promise<{ step: Step; status: number | null; output: string; seconds: number }> {
  const stepStarted = Date.now();
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { cwd: root, env });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", (error) => chunks.push(Buffer.from(`${String(error)}\n`)));
    child.on("close", (status) =>
      resolve({
        step,
        status,
        output: Buffer.concat(chunks).toString(),
        seconds: (Date.now() - stepStarted) / 1000,
      }),
    );
  });
}

/** The independent checks side by side; every one's output is shown, the failures last. */
async function runSideBySide(steps: Step[]): Promise<void> {
  const groupStarted = Date.now();
  console.log(`\n▶ ${steps.map((step) => step.name).join(", ")} (side by side)`);
  const results = await Promise.all(steps.map(runKept));
  const order = [...results].sort((a, b) => Number(a.status !== 0) - Number(b.status !== 0));
  for (const { step, status, output, seconds } of order) {
    console.log(`\n▶ ${step.name}`);
    process.stdout.write(output);
    timings.push({ name: step.name, seconds, status: status === 0 ? "passed" : "failed" });
    if (status === 0) console.log(`✓ ${step.name} (${formatDuration(seconds)})`);
    else console.error(`\n✗ ${step.name} failed after ${formatDuration(seconds)}`);
  }
  const seconds = (Date.now() - groupStarted) / 1000;
  const failure = order.find((result) => result.status !== 0);
  timings.push({ name: "  (side by side)", seconds, status: failure ? "failed" : "passed" });
  if (failure) {
    printTimings();
    process.exit(failure.status || 1);
  }
}

runInOrder(prismaClient);
await runSideBySide(checks);
runInOrder(build);
for (const step of selectedSuites) runInOrder(step);
printTimings();
console.log(`\nAll checks passed in ${formatDuration((Date.now() - started) / 1000)}.`);
