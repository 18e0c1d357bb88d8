// The system programs the test suites drive, from Debian's packages: installed once with
// apt-get when the run is root, otherwise one line naming the command to run.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

export type Suite = "unit" | "browser" | "multi";

type SystemPackage = { name: string; neededBy: Suite[]; present: () => boolean };

function onPath(program: string) {
  const dirs = [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/usr/bin"];
  return dirs.some((dir) => dir && existsSync(`${dir}/${program}`));
}

function postgresInstalled() {
  if (process.env.APPMAIL_TEST_POSTGRES_URL) return true;
  if (!existsSync("/usr/lib/postgresql")) return false;
  return readdirSync("/usr/lib/postgresql").some((v) =>
    existsSync(`/usr/lib/postgresql/${v}/bin/initdb`),
  );
}

/**
 * The browser the suites launch: Chromium's headless shell, which costs about half the CPU of the
 * full browser in headless mode for the same tests (test/support/README.md). Playwright's own
 * browser download is impossible here.
 */
export const TEST_BROWSER = "/usr/bin/chromium-headless-shell";

const PACKAGES: SystemPackage[] = [
  {
    name: "chromium-headless-shell",
    neededBy: ["browser", "multi"],
    present: () => existsSync(TEST_BROWSER),
  },
  { name: "nginx", neededBy: ["multi"], present: () => onPath("nginx") },
  { name: "postgresql", neededBy: ["unit", "multi"], present: postgresInstalled },
];

/** The Debian packages that the selected suites need and this machine lacks. */
export function systemPackagesFor(suites: Set<Suite>): string[] {
  return PACKAGES.filter((p) => p.neededBy.some((s) => suites.has(s)) && !p.present()).map(
    (p) => p.name,
  );
}

export function ensureSystemPackages(missing: string[]) {
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(" ")}`;
  if (process.getuid?.() !== 0) {
    console.error(
      `npm test: this machine lacks ${missing.join(", ")}; run: sudo sh -c '${command}'`,
    );
    process.exit(1);
  }
  console.log(`npm test: installing ${missing.join(", ")} with apt-get (once; about a minute)`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", ["update", "-qq"], { env, stdio: ["ignore", "ignore", "inherit"] });
    execFileSync("apt-get", ["install", "-y", "-qq", ...missing], {
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
  } catch {
    console.error(`npm test: apt-get could not install ${missing.join(", ")}; run: ${command}`);
    process.exit(1);
  }
  // Debian starts packaged services on install; the tests start their own on loopback ports.
  for (const service of ["nginx", "postgresql"].filter((s) => missing.includes(s))) {
    spawnSync("service", [service, "stop"], { stdio: "ignore" });
  }
}
