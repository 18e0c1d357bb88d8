// The command-line tool's password prompt at a real terminal: a pseudo-terminal made by
// util-linux `script`, which passes on what the person types and shows everything the terminal
// displayed. The password typed there must never appear on the screen.
import { spawn } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const projectRoot = path.resolve(import.meta.dirname, "..", "..");
const tsx = path.join(projectRoot, "node_modules", ".bin", "tsx");
const dataDir = await setUpTestDatabase();
const { verifyPassword } = await import("@/lib/auth/password");

afterAll(() => removeTestDatabase(dataDir));

const PASSWORD = "Terminal-Secret-4821";
const BACKSPACE = "\u007f";
const CTRL_C = "\u0003";

type Screen = { code: number | null; screen: string };

/**
 * Runs `appmail <args>` at a terminal; once the prompt shows, types `keys` into it. Resolves with
 * the exit status and everything the terminal showed.
 */
function atTerminal(args: string[], keys: string): Promise<Screen> {
  const command = [tsx, "--conditions", "react-server", "cli/appmail.ts", ...args]
    .map((word) => `'${word}'`)
    .join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn(
      "script",
      ["--quiet", "--flush", "--return", "--command", command, "/dev/null"],
      {
        cwd: projectRoot,
        env: { ...process.env, APPMAIL_DATA_DIR: dataDir },
      },
    );
    let screen = "";
    let typed = false;
    // A prompt that never shows must not hang the run: the command is stopped before the test's limit.
    const guard = setTimeout(() => child.kill(), 50_000);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      screen += chunk;
      if (!typed && screen.includes("Password: ")) {
        typed = true;
        child.stdin.write(keys);
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(guard);
      child.stdin.destroy();
      resolve({ code, screen });
    });
  });
}

function passwordHashOf(email: string): string | undefined {
  const sqlite = new Database(path.join(dataDir, "appmail.db"), { readonly: true });
  try {
    const row = sqlite.prepare("SELECT passwordHash FROM User WHERE email = ?").get(email);
    return (row as { passwordHash: string } | undefined)?.passwordHash;
  } finally {
    sqlite.close();
  }
}

// Each run starts a TypeScript process of its own: seconds on a busy machine.
describe("appmail user:create at a terminal", { timeout: 60_000 }, () => {
  it("prompts for the password without echoing it and creates the account with it", async () => {
    // A typo corrected with Backspace, as a person would.
    const { code, screen } = await atTerminal(
      ["user:create", "--email", "tty@example.com", "--name", "Tty Admin", "--role", "admin"],
      `${PASSWORD}x${BACKSPACE}\r`,
    );
    expect(code, screen).toBe(0);
    expect(screen).toContain("Password: ");
    expect(screen).toContain("Created admin tty@example.com.");
    expect(screen).not.toContain(PASSWORD);
    expect(screen).not.toMatch(/Terminal|Secret|4821/);

    const hash = passwordHashOf("tty@example.com");
    expect(hash).toBeDefined();
    expect(await verifyPassword(hash!, PASSWORD)).toBe(true);
  });

  it("Ctrl-C at the prompt ends the command with status 130, no stack trace, no account", async () => {
    const { code, screen } = await atTerminal(
      ["user:create", "--email", "cancel@example.com", "--name", "Cancel", "--role", "admin"],
      `${PASSWORD}${CTRL_C}`,
    );
    expect(code, screen).toBe(130);
    expect(screen).not.toContain(PASSWORD);
    expect(screen).not.toMatch(/Error|\n\s+at /);
    expect(passwordHashOf("cancel@example.com")).toBeUndefined();
  });
});
