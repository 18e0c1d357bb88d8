// `npm test`: every check in order, after making sure the machine has what the browser and
// multi-instance suites need. `npm test -- --skip browser,multi` leaves those parts out.
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
  { name: "types", command: bin("tsc"), args: ["--noEmit"] },
  {
    name: "postgresql schema",
    command: bin("tsx"),
    args: ["scripts/postgres-schema.ts", "--check"],
  },
  // The integration tests that serve the app, the benchmark's smoke test and the browser suite
  // all use this one build (NEXT_DIST_DIR, default .next).
  { name: "build", command: bin("tsx"), args: ["scripts/build.ts"] },
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
for (const step of selected) {
  const stepStarted = Date.now();
  console.log(`\n▶ ${step.name}`);
  const result = spawnSync(step.command, step.args, { cwd: root, env, stdio: "inherit" });
  const seconds = Math.round((Date.now() - stepStarted) / 1000);
  if (result.status !== 0) {
    console.error(`\n✗ ${step.name} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${step.name} (${seconds} s)`);
}
console.log(`\nAll checks passed in ${Math.round((Date.now() - started) / 60_000)} min.`);
