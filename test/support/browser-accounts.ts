// Accounts for the browser specs (Playwright), made with the command line's user:create like an
// operator would (run in one process per worker: cli.ts). Integration tests make theirs straight
// in the database: db-accounts.ts.
import { createUserWithCli } from "./cli";

/** The first admin, created by test/browser/setup.spec.ts and reused by every other spec. */
export const admin = {
  name: "Ada Admin",
  email: "admin@example.com",
  password: "correct horse battery staple",
} as const;

/** A fresh address on every call, so that runs and tests never collide. */
export function uniqueEmail(prefix: string): string {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return `${prefix}-${suffix}@example.com`;
}

export type Role = "admin" | "customer";

export type Account = { name: string; email: string; password: string; role: Role };

export const home = (role: Role) => (role === "admin" ? "/backend" : "/customer");
export const accountPage = (role: Role) => `${home(role)}/account`;
/** The area dashboard, with or without a query such as `?recoveryCodesLeft=9`. */
export const dashboardUrl = (role: Role) => new RegExp(`${home(role)}(\\?.*)?$`);

/** A fresh account, made with the command line's `user:create`. */
export async function createAccount(role: Role, prefix: string = role): Promise<Account> {
  const account: Account = {
    name: `${prefix} ${role}`,
    email: uniqueEmail(`user-${prefix}`),
    password: `password of ${prefix} 123`,
    role,
  };
  await createUserWithCli(account);
  return account;
}
