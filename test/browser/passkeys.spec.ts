// Passkeys (docs/rules.md, rule 18) in Chromium with the DevTools virtual authenticator.
import { expect, test } from "@/test/support/admin-fixture";
import { accountPage, createAccount, dashboardUrl } from "@/test/support/browser-accounts";
import { auditEventsAbout, passkeysOf, storedUser } from "@/test/support/browser-database";
import {
  addPasskeyHere,
  expectPasskeyListed,
  passkeyItem,
  passkeySection,
  signInWithPasskey,
  VirtualAuthenticator,
} from "@/test/support/passkeys";
import { signInAs, signOut } from "@/test/support/sign-in";
import { recoveryCodeList, shownRecoveryCodes } from "@/test/support/two-factor";

// Each scenario makes accounts with the command line and runs several sign-ins.
test.describe.configure({ timeout: 90_000 });

test("register a passkey, sign in with it alone, see it used, remove it", async ({
  page,
  adminPage,
}) => {
  void adminPage; // neutral settings: 2FA on, nobody forced, passkeys allowed
  const authenticator = await VirtualAuthenticator.on(page);
  const account = await createAccount("customer", "passkey");
  await signInAs(page, account, "/customer");
  await page.goto(accountPage("customer"));
  await addPasskeyHere(page, account.password, { name: "Work laptop" });
  // The account had no recovery codes: its first passkey brings 10.
  expect(await shownRecoveryCodes(page)).toHaveLength(10);
  await page.getByRole("button", { name: "Done", exact: true }).click();
  await expect(recoveryCodeList(page)).toHaveCount(0);
  await expectPasskeyListed(page, "Work laptop");
  await expect(passkeyItem(page, "Work laptop")).toContainText("Never used");
  const user = storedUser(account.email);
  expect(passkeysOf(user.id as string)).toHaveLength(1);
  expect(await authenticator.credentials()).toHaveLength(1);
  expect(auditEventsAbout(user.id as string, "passkey_added")).toHaveLength(1);

  await signOut(page);
  await signInWithPasskey(page);
  await expect(page).toHaveURL(dashboardUrl("customer"));
  await page.goto(accountPage("customer"));
  await expect(passkeyItem(page, "Work laptop")).toContainText("Last used");
  expect(auditEventsAbout(user.id as string, "passkey_used")).toHaveLength(1);

  const item = passkeyItem(page, "Work laptop");
  await item.getByRole("button", { name: "Remove Work laptop", exact: true }).click();
  await item.getByLabel("Current password", { exact: true }).fill("not the password");
  await item.getByRole("button", { name: "Remove Work laptop", exact: true }).click();
  await expect(item.getByRole("alert")).toContainText("incorrect");
  expect(passkeysOf(user.id as string)).toHaveLength(1);
  await item.getByLabel("Current password", { exact: true }).fill(account.password);
  await item.getByRole("button", { name: "Remove Work laptop", exact: true }).click();
  await expect(passkeySection(page).getByText("No passkeys yet.")).toBeVisible();
  expect(passkeysOf(user.id as string)).toHaveLength(0);
  expect(auditEventsAbout(user.id as string, "passkey_removed")).toHaveLength(1);
  expect(auditEventsAbout(user.id as string, "password_check_failed")).toHaveLength(1);
});
