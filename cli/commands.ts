import { z } from "zod";
import type { RequestContext } from "@/lib/audit/audit";
import { emailField, nameField, newPasswordField, roleField } from "@/lib/users/schemas";

export const HELP = `Usage: npm run appmail -- <command> [options]

Commands:
  user:create --email <email> --name <name> --role admin|customer
      Creates an account. The password is read from a prompt, or from the first line of stdin.
  settings:show
      Prints the instance settings.
  --help
      Shows this help.`;

export type CommandResult = { exitCode: number; output?: string; error?: string };
type Options = Record<string, string | boolean | undefined>;
type Io = { readPassword: () => Promise<string> };

const CLI_CONTEXT: RequestContext = { clientAddress: "local", userAgent: "appmail-cli" };

const userCreateSchema = z.object({
  email: emailField,
  name: nameField,
  role: z
    .string({ error: "--role is required (admin or customer)." })
    .transform((value) => value.toUpperCase())
    .pipe(roleField),
  password: newPasswordField,
});

async function userCreate(options: Options, io: Io): Promise<CommandResult> {
  for (const flag of ["email", "name", "role"]) {
    if (typeof options[flag] !== "string") return { exitCode: 2, error: `--${flag} is required.` };
  }
  const password = await io.readPassword();
  const parsed = userCreateSchema.safeParse({ ...options, password });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0]);
    return {
      exitCode: 2,
      error: `${field === "password" ? "password" : `--${field}`}: ${issue.message}`,
    };
  }
  const { createUser } = await import("@/lib/users/users");
  const created = await createUser(parsed.data, CLI_CONTEXT, null);
  if (!created.ok) return { exitCode: 1, error: created.message };
  return {
    exitCode: 0,
    output: `Created ${created.user.role === "ADMIN" ? "admin" : "customer"} ${created.user.email}.`,
  };
}

async function settingsShow(): Promise<CommandResult> {
  const { getSettings } = await import("@/lib/settings/settings");
  const settings = await getSettings();
  return {
    exitCode: 0,
    output: [
      `Company name:                 ${settings.companyName ?? "(not set)"}`,
      `Two-factor authentication:    ${settings.twoFactorEnabled ? "on" : "off"}`,
      `Require two-factor for:       ${settings.requireTwoFactor.toLowerCase()}`,
      `Grace period (days):          ${settings.gracePeriodDays}`,
      `Trust browsers for (days):    ${settings.trustBrowserDays}`,
    ].join("\n"),
  };
}

export async function runCommand(
  command: string | undefined,
  options: Options,
  io: Io,
): Promise<CommandResult> {
  if (!command || command === "--help" || command === "help" || options.help) {
    return { exitCode: command ? 0 : 2, output: HELP };
  }
  switch (command) {
    case "user:create":
      return userCreate(options, io);
    case "settings:show":
      return settingsShow();
    default:
      return { exitCode: 2, error: `Unknown command "${command}". Run with --help for the list.` };
  }
}
