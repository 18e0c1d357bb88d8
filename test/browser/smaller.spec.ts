// passkeys told apart ("Rename"), a recovery codes file that says whose codes
// they are, and a sign-in without a second step that never passes through /login/verify.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "@/test/support/admin-fixture";
import { accountPage, createAccount } from "@/test/support/browser-accounts";
import { auditEventsAbout, passkeysOf, storedUserId } from "@/test/support/browser-database";
import {
  addPasskeyHere,
  expectPasskeyListed,
  passkeyItem,
  passkeySection,
  reportAaguid,
  VirtualAuthenticator,
} from "@/test/support/passkeys";
import { newPage, signInAs, submitSignIn, verifyUrl } from "@/test/support/sign-in";
import { Authenticator, secretFromSetupKey } from "@/test/support/totp";
import { COMPANY_NAME } from "@/test/support/two-factor-settings";
import {
  enrolledAccount,
  shownRecoveryCodes,
  startSetup,
  submitEnableCode,
} from "@/test/support/two-factor";

test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ adminPage }) => {
  void adminPage; // neutral settings: 2FA on, nobody forced, passkeys allowed
});

/**
 * Every URL the page's main frame commits to, every document it receives and every request it
 * makes (an RSC fetch of a page renders it too), from now on.
 */
function trail(page: Page): string[] {
  const urls: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) urls.push(`navigated ${frame.url()}`);
  });
  page.on("response", (response) => {
    if (response.request().resourceType() === "document") urls.push(`document ${response.url()}`);
  });
  page.on("request", (request) => urls.push(`request ${request.url()}`));
  return urls;
}

const throughVerify = (urls: string[]) => urls.filter((url) => url.includes("/login/verify"));

test("a sign-in without a second factor goes straight to its page, never through /login/verify", async ({
  page,
  browser,
}) => {
  const account = await createAccount("customer", "straight");
  const urls = trail(page);
  await submitSignIn(page, account.email, account.password);
  await expect(page).toHaveURL(/\/customer$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(throughVerify(urls)).toEqual([]);

  // With the page it first asked for (docs/rules.md, rule 30), straight there too.
  const other = await newPage(browser);
  const otherUrls = trail(other.page);
  await other.page.goto("/customer/account");
  await expect(other.page).toHaveURL(/\/login\?next=/);
  await other.page.getByLabel("Email", { exact: true }).fill(account.email);
  await other.page.getByLabel("Password", { exact: true }).fill(account.password);
  await other.page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(other.page).toHaveURL(/\/customer\/account$/);
  expect(throughVerify(otherUrls)).toEqual([]);
  await other.context.close();
});

test("a sign-in with an authenticator app still stops at /login/verify", async ({
  page,
  browser,
}) => {
  const account = await enrolledAccount(page, "customer", "verify");
  const { context, page: fresh } = await newPage(browser);
  const urls = trail(fresh);
  await submitSignIn(fresh, account.email, account.password);
  await expect(fresh).toHaveURL(verifyUrl);
  await expect(fresh.getByLabel("Authentication code", { exact: true })).toBeVisible();
  expect(throughVerify(urls).some((url) => url.startsWith("navigated "))).toBe(true);
  await context.close();
});

test("the recovery codes file names the instance, the account, the date, and that each code works once", async ({
  page,
}) => {
  const account = await createAccount("customer", "codesfile");
  await signInAs(page, account, "/customer");
  const setupKey = await startSetup(page, account);
  const authenticator = new Authenticator(secretFromSetupKey(setupKey));
  await submitEnableCode(page, account.password, await authenticator.code());
  const codes = await shownRecoveryCodes(page);

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download", exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("acme-mail-recovery-codes.txt");
  const lines = readFileSync(await download.path(), "utf8").split("\n");
  const origin = new URL(page.url()).origin;
  const today = new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date());
  expect(lines[0]).toBe(`${COMPANY_NAME} recovery codes`);
  expect(lines[1]).toBe(`Instance: ${COMPANY_NAME} (${origin})`);
  expect(lines[2]).toBe(`Account: ${account.email}`);
  expect(lines[3]).toMatch(new RegExp(`^Generated: ${today}, \\d\\d:\\d\\d UTC$`));
  expect(lines[4]).toContain("Each code works once.");
  expect(lines.slice(6, 16)).toEqual(codes);
  await page.getByLabel("I have saved these recovery codes", { exact: true }).check();
  await page.getByRole("button", { name: "Done", exact: true }).click();
});

test("a passkey added without a name is named after its authenticator's model; rename it: a prefilled field, Escape and Cancel close it, bad names change nothing", async ({
  page,
}) => {
  await VirtualAuthenticator.on(page);
  // The authenticator says it is Google Password Manager (lib/passkeys/aaguid-names.json).
  await reportAaguid(page, "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4");
  const account = await createAccount("customer", "rename");
  await signInAs(page, account, "/customer");
  await page.goto(accountPage("customer"));
  await addPasskeyHere(page, account.password);
  await page.getByLabel("I have saved these recovery codes", { exact: true }).check();
  await page.getByRole("button", { name: "Done", exact: true }).click();
  const original = "Google Password Manager";
  await expectPasskeyListed(page, original);
  expect(passkeysOf(storedUserId(account)).map((passkey) => passkey.name)).toEqual([original]);
  const section = passkeySection(page);
  const rename = section.getByRole("button", { name: `Rename ${original}`, exact: true });
  await rename.click();
  const field = section.getByLabel("Passkey name", { exact: true });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue(original);
  await field.press("Escape");
  await expect(field).toHaveCount(0);
  await expect(rename).toBeFocused();

  await rename.click();
  await field.fill("   ");
  await section.getByRole("button", { name: "Save", exact: true }).click();
  await expect(field).toHaveAccessibleDescription("Enter a name for the passkey.");
  expect(passkeysOf(storedUserId(account))[0]!.name).toBe(original);
  await section.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(field).toHaveCount(0);

  await rename.click();
  await field.fill("  Work laptop ");
  await section.getByRole("button", { name: "Save", exact: true }).click();
  const item = passkeyItem(page, "Work laptop");
  await expect(item.getByRole("button", { name: "Remove Work laptop", exact: true })).toBeVisible();
  await expect(
    section.getByRole("button", { name: "Rename Work laptop", exact: true }),
  ).toBeFocused();
  expect(passkeysOf(storedUserId(account))[0]!.name).toBe("Work laptop");
  expect(auditEventsAbout(storedUserId(account), "passkey_renamed")).toHaveLength(1);
  await page.reload();
  await expect(passkeyItem(page, "Work laptop")).toContainText("Added");
});
