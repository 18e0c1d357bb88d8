import { expect, test } from "../support/admin-fixture";
import { accountPage, createAccount } from "../support/browser-accounts";
import { addPasskeyHere, passkeyItem, VirtualAuthenticator } from "../support/passkeys";
import { recoveryCodeList } from "../support/two-factor";
import { expectUsableOnPhoneByKeyboard, PHONE } from "../support/phone-and-keyboard";
import { signInAs } from "../support/sign-in";
import { openUsersList, userRow } from "../support/users";

// /backend/users among many accounts (PRODUCT.md, "Security overview (admins)"): 50 a page, a
// search and filters an admin applies with "Filter" and finds again in the URL, "Previous page"
// and "Next page", and a passkey-only account shown as protected, with its passkeys and last
// sign-in.

test("an admin searches, filters and pages through 51 matching accounts", async ({
  adminPage: page,
}) => {
  test.setTimeout(120_000);
  const prefix = `paging${Date.now().toString(36)}`;
  const accounts = [];
  for (let i = 0; i < 51; i++) accounts.push(await createAccount("customer", prefix));
  const emails = accounts.map((account) => account.email).sort();

  await page.goto("/backend/users");
  await page.getByLabel("Search", { exact: true }).fill(prefix.toUpperCase());
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Customers" });
  await page.getByLabel("Two-factor", { exact: true }).selectOption({ label: "Not set up" });
  await page.getByRole("button", { name: "Filter", exact: true }).click();

  await expect(page).toHaveURL(/\/backend\/users\?/);
  const url = new URL(page.url());
  expect(Object.fromEntries(url.searchParams)).toEqual({
    q: prefix.toUpperCase(),
    role: "customer",
    twoFactor: "not-set-up",
  });
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(50);
  await expect(userRow(page, emails[0]!)).toContainText("Not set up");
  await expect(userRow(page, emails[50]!)).toHaveCount(0);
  // The form shows what is applied.
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue(prefix.toUpperCase());
  await expect(page.getByLabel("Role", { exact: true })).toHaveValue("customer");
  await expect(page.getByRole("link", { name: "Previous page" })).toHaveCount(0);

  await page.getByRole("link", { name: "Next page", exact: true }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  expect(new URL(page.url()).searchParams.get("twoFactor")).toBe("not-set-up");
  await expect(rows).toHaveCount(1);
  await expect(userRow(page, emails[50]!)).toBeVisible();
  await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);

  await page.getByRole("link", { name: "Previous page", exact: true }).click();
  await expect(page).not.toHaveURL(/page=/);
  await expect(rows).toHaveCount(50);
  await expect(userRow(page, emails[49]!)).toBeVisible();

  // Past the end: an honest empty page, and the way back.
  await page.goto(`/backend/users?q=${prefix}&page=7`);
  await expect(page.getByRole("status")).toContainText("No accounts on page 7");
  await expect(rows).toHaveCount(0);
  await page.getByRole("link", { name: "Go to the first page", exact: true }).click();
  await expect(rows).toHaveCount(50);

  // Nothing typed into the URL breaks the page: it shows the first page instead.
  for (const query of [
    "page=-1",
    "page=abc",
    "role=unknown&twoFactor=x",
    `q=${"a".repeat(5000)}`,
  ]) {
    const response = await page.goto(`/backend/users?${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
  }
});

test("a passkey-only account is Enabled, with its passkeys and last sign-in", async ({
  adminPage,
  page,
}) => {
  const account = await createAccount("customer", "passkey-only");
  await openUsersList(adminPage, account.email);
  const row = userRow(adminPage, account.email);
  await expect(row).toContainText("Two-factor:Not set up");
  await expect(row).toContainText("Passkeys:0");
  await expect(row).toContainText("Last sign-in:Never");

  await VirtualAuthenticator.on(page);
  await signInAs(page, account, "/customer");
  await page.goto(accountPage("customer"));
  await addPasskeyHere(page, account.password, { name: "Laptop" });
  // Its first factor: the recovery codes that come with it show first.
  await expect(recoveryCodeList(page).or(passkeyItem(page, "Laptop"))).toBeVisible();

  await adminPage.reload();
  await expect(row).toContainText("Two-factor:Enabled");
  await expect(row).toContainText("Passkeys:1");
  await expect(row.locator("time")).toHaveCount(1);
  await expect(row).not.toContainText("Never");

  // The filter means the same: the account is among the Enabled, not among the Not set up.
  await adminPage.goto(`/backend/users?q=${encodeURIComponent(account.email)}&twoFactor=enabled`);
  await expect(userRow(adminPage, account.email)).toBeVisible();
  await adminPage.goto(
    `/backend/users?q=${encodeURIComponent(account.email)}&twoFactor=not-set-up`,
  );
  await expect(adminPage.getByRole("status")).toContainText("No accounts match");
});

test("the search and the pages work at 360 px and by keyboard alone", async ({
  adminPage: page,
}) => {
  await page.setViewportSize(PHONE);
  await page.goto("/backend/users");
  await expectUsableOnPhoneByKeyboard(page, "/backend/users");
  const search = page.getByLabel("Search", { exact: true });
  await search.focus();
  await page.keyboard.type("example.com");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Role", { exact: true })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Filter", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=example\.com/);
});
