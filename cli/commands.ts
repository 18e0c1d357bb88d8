import { z } from "zod";
import type { RequestContext } from "@/lib/audit/audit";
import { twoFactorSettingsSchema } from "@/lib/settings/schemas";
import { emailField, nameField, newPasswordField, roleField } from "@/lib/users/schemas";
import { sayFailure, sayStoredFailure } from "@/words/say-failure";

export const HELP = `Usage: npm run appmail -- <command> [options]

Commands:
  user:create --email <email> --name <name> --role admin|customer
      Creates an account. The password is read from a prompt, or from the first line of stdin.
  user:reset-2fa --email <email>
      Removes the account's two-factor secret, recovery codes and trusted browsers, lifts a
      lock and signs the account out everywhere: it then signs in with its password alone.
  user:deactivate --email <email>
      Deactivates the account and signs it out everywhere: it can no longer sign in. Refused for
      the last active admin. Nothing is deleted.
  user:reactivate --email <email>
      Lets a deactivated account sign in again.
  settings:show
      Prints the instance settings.
  keys:rotate
      Re-encrypts every TOTP secret, the SMTP password and queued messages that carry a link
      with the current APPMAIL_ENCRYPTION_KEY (see the README).
  email:test --to <address>
      Sends a test e-mail at once with the saved e-mail settings, and prints the server's answer.
  settings:set [--two-factor on|off] [--company <name>] [--require-passkey nobody|admins|everyone]
      Turns two-factor authentication on or off for the instance, renames the company, or sets
      who must have a passkey ("nobody" turns the requirement off).
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
      error: `${field === "password" ? "password" : `--${field}`}: ${sayStoredFailure(issue.message)}`,
    };
  }
  const { createUser } = await import("@/lib/users/users");
  const created = await createUser(parsed.data, CLI_CONTEXT, null);
  if (!created.ok) return { exitCode: 1, error: sayFailure(created.failure) };
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
      `Allow passkeys:               ${settings.allowPasskeys ? "on" : "off"}`,
      `Require a passkey for:        ${settings.requirePasskey.toLowerCase()}`,
    ].join("\n"),
  };
}

async function userReset2fa(options: Options): Promise<CommandResult> {
  if (typeof options.email !== "string") return { exitCode: 2, error: "--email is required." };
  const { resetTwoFactor } = await import("@/lib/users/admin-reset");
  const result = await resetTwoFactor({ email: options.email }, null, CLI_CONTEXT);
  if (!result.ok) return { exitCode: 1, error: sayFailure(result.failure) };
  return { exitCode: 0, output: `Two-factor authentication reset for ${result.email}.` };
}

async function userActivation(options: Options, deactivate: boolean): Promise<CommandResult> {
  if (typeof options.email !== "string") return { exitCode: 2, error: "--email is required." };
  const { db } = await import("@/lib/db/client");
  const { deactivateAccount, reactivateAccount } = await import("@/lib/users/deactivation");
  const user = await db.user.findUnique({
    where: { email: options.email.trim().toLowerCase() },
    select: { id: true },
  });
  if (!user) return { exitCode: 1, error: sayFailure({ code: "no_account_with_email" }) };
  const change = deactivate ? deactivateAccount : reactivateAccount;
  const result = await change(user.id, null, CLI_CONTEXT);
  if (!result.ok) return { exitCode: 1, error: sayFailure(result.failure) };
  const done = deactivate ? "deactivated and signed out everywhere" : "reactivated";
  return { exitCode: 0, output: `${result.email} is ${done}.` };
}

const settingsSetSchema = z.object({
  twoFactor: z
    .enum(["on", "off"], { error: "--two-factor must be on or off." })
    .optional()
    .transform((value) => (value === undefined ? undefined : value === "on")),
  company: twoFactorSettingsSchema.shape.companyName.optional(),
  requirePasskey: z
    .enum(["nobody", "admins", "everyone"], {
      error: "--require-passkey must be nobody, admins or everyone.",
    })
    .optional()
    .transform((value) => value?.toUpperCase() as "NOBODY" | "ADMINS" | "EVERYONE" | undefined),
});

async function settingsSet(options: Options): Promise<CommandResult> {
  const parsed = settingsSetSchema.safeParse({
    twoFactor: options["two-factor"],
    company: options.company,
    requirePasskey: options["require-passkey"],
  });
  if (!parsed.success) {
    return { exitCode: 2, error: sayStoredFailure(parsed.error.issues[0]!.message) };
  }
  const { twoFactor, company, requirePasskey } = parsed.data;
  if (twoFactor === undefined && company === undefined && requirePasskey === undefined) {
    return {
      exitCode: 2,
      error: "Give --two-factor on|off, --company <name> and/or --require-passkey <who>.",
    };
  }
  const { getSettings, saveSettings } = await import("@/lib/settings/settings");
  const before = await getSettings();
  if (twoFactor && !(company ?? before.companyName)) {
    return { exitCode: 2, error: "Set a company name (--company) before turning two-factor on." };
  }
  // docs/rules.md, rule 34: a passkey is never required where none is accepted.
  if (requirePasskey && requirePasskey !== "NOBODY" && !before.allowPasskeys) {
    return { exitCode: 2, error: sayFailure({ code: "passkeys_off_for_requirement" }) };
  }
  const changes = {
    ...(twoFactor === undefined ? {} : { twoFactorEnabled: twoFactor }),
    ...(company === undefined ? {} : { companyName: company }),
    ...(requirePasskey === undefined ? {} : { requirePasskey }),
  };
  await saveSettings(changes);
  const { recordAuditEvent } = await import("@/lib/audit/audit");
  await recordAuditEvent({
    type: "settings_changed",
    context: CLI_CONTEXT,
    details: Object.fromEntries(
      Object.entries(changes).flatMap(([key, value]) => [
        [`old_${key}`, before[key as keyof typeof before]],
        [`new_${key}`, value],
      ]),
    ),
  });
  return settingsShow();
}

async function keysRotate(): Promise<CommandResult> {
  const { reencryptTotpSecrets } = await import("@/lib/two-factor/rotate-keys");
  const { reencryptSmtpPassword } = await import("@/lib/email/rotate-smtp-password");
  const { rewritten, unreadable, unreadableVersions } = await reencryptTotpSecrets();
  const { reencryptLinkBodies } = await import("@/lib/email/rotate-link-bodies");
  const smtp = await reencryptSmtpPassword();
  const bodies = await reencryptLinkBodies();
  const lines = [`Re-encrypted the TOTP secrets of ${rewritten} account(s).`];
  if (smtp.outcome === "rewritten") lines.push("Re-encrypted the SMTP password.");
  if (bodies.rewritten > 0) {
    lines.push(`Re-encrypted ${bodies.rewritten} queued message(s) that carry a link.`);
  }
  const output = lines.join("\n");
  const problems: string[] = [];
  if (unreadable > 0) {
    const versions = unreadableVersions.map((version) => `v${version}`).join(", ") || "unknown";
    problems.push(
      `${unreadable} account(s) kept their secret: no configured key opens it (key version ${versions}).`,
    );
  }
  if (smtp.outcome === "unreadable") {
    const version = smtp.keyVersion === undefined ? "unknown" : `v${smtp.keyVersion}`;
    problems.push(
      `The SMTP password was kept: no configured key opens it (key version ${version}).`,
    );
  }
  if (bodies.unreadable > 0) {
    problems.push(
      `${bodies.unreadable} queued message(s) with a link were kept: no configured key opens them.`,
    );
  }
  if (problems.length === 0) return { exitCode: 0, output };
  return {
    exitCode: 1,
    output,
    error: `${problems.join(" ")} Add the old key to APPMAIL_PREVIOUS_ENCRYPTION_KEYS and run keys:rotate again.`,
  };
}

async function emailTest(options: Options): Promise<CommandResult> {
  const to = emailField.safeParse(options.to);
  if (!to.success) {
    return { exitCode: 2, error: `--to: ${sayStoredFailure(to.error.issues[0]!.message)}` };
  }
  const { sendTestEmail } = await import("@/lib/email/test-email");
  const { displayName, getSettings } = await import("@/lib/settings/settings");
  const result = await sendTestEmail(to.data, displayName(await getSettings()));
  if (!result.ok) return { exitCode: 1, error: sayFailure(result.failure) };
  return { exitCode: 0, output: `Test e-mail sent to ${to.data}.` };
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
    case "user:reset-2fa":
      return userReset2fa(options);
    case "user:deactivate":
      return userActivation(options, true);
    case "user:reactivate":
      return userActivation(options, false);
    case "settings:show":
      return settingsShow();
    case "settings:set":
      return settingsSet(options);
    case "keys:rotate":
      return keysRotate();
    case "email:test":
      return emailTest(options);
    default:
      return { exitCode: 2, error: `Unknown command "${command}". Run with --help for the list.` };
  }
}
