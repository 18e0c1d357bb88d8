import { readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "../support/admin-fixture";
import { auditEventsAbout, storedUser, storedUserId } from "../support/browser-database";
import { signInToVerify, signOut, submitVerifyCode, verifyWithCode } from "../support/sign-in";
import { alertWith } from "../support/observe";
import { enrolledAccount } from "../support/two-factor";

// /backend/security as an admin reads it (docs/architecture.md, "Security overview"): the
// protection table moves when a customer enrols, a customer locked out by wrong codes is listed
// and unlocked by keyboard, the list then says nobody is locked out, and "Download CSV" gives
// every account; a customer and a stranger get no CSV. At 1280 and 360 px.

const PATH = "/backend/security";

function protectionRow(page: Page, label: string): Locator {
  return page
    .getByRole("table", { name: "Protection by role", exact: true })
    .getByRole("row", { name: new RegExp(`^${label}\\b`) });
}

async function readRow(page: Page, label: string) {
  const cells = await protectionRow(page, label).getByRole("cell").allInnerTexts();
  const [accounts, app, passkey, none, share] = cells.map((cell) => cell.trim());
  return {
    accounts: Number(accounts),
    app: Number(app),
    passkey: Number(passkey),
    none: Number(none),
    share,
  };
}

test("the protection table counts a customer who enrols, and the chart has its figures", async ({
  adminPage: page,
  browser,
}) => {
  await page.goto(PATH);
  await expect(page.getByRole("heading", { name: "Security overview", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Protection by role", exact: true });
  await expect(table.getByRole("columnheader")).toHaveText([
    "Accounts",
    "Authenticator app",
    "Passkey",
    "No second factor",
    "Protected",
  ]);
  const before = await readRow(page, "Customers");

  const customerPage = await browser.newPage();
  await enrolledAccount(customerPage, "customer", "overview-table");
  await customerPage.context().close();

  await page.reload();
  const after = await readRow(page, "Customers");
  expect(after.accounts).toBe(before.accounts + 1);
  expect(after.app).toBe(before.app + 1);
  expect(after.none).toBe(before.none);
  const protectedCount = after.accounts - after.none;
  expect(after.share).toBe(`${Math.round((100 * protectedCount) / after.accounts)}%`);
  const all = await readRow(page, "All accounts");
  expect(all.accounts).toBe(after.accounts + (await readRow(page, "Admins")).accounts);

  // The chart is an image with a name; its figures are a table in the accessibility tree.
  await expect(page.getByRole("img", { name: "Protected accounts over time" })).toBeVisible();
  const figures = page.getByRole("table", { name: "Protected accounts over time, by day" });
  await expect(figures.getByRole("row")).toHaveCount(91);
  await expect(figures.getByRole("row").last().getByRole("cell").nth(1)).toHaveText(after.share!);
  // By the libraries' names ("d3-scale", "d3-shape"): a chunk's hashed name may hold "d3".
  expect(await page.locator("script[src*='d3-'], script[src*='chart']").count()).toBe(0);
});

test("a customer locked out by wrong codes is unlocked by keyboard, and can sign in again", async ({
  adminPage: page,
  browser,
}) => {
  const customerPage = await browser.newPage();
  const customer = await enrolledAccount(customerPage, "customer", "overview-locked");
  await signOut(customerPage);
  await signInToVerify(customerPage, customer);
  const wrong = await customer.authenticator.wrongCode();
  const codeField = customerPage.getByLabel("Authentication code", { exact: true });
  for (let attempt = 1; attempt <= 5; attempt++) {
    await submitVerifyCode(customerPage, wrong);
    // Answered once React has reset the form (as two-factor.spec.ts waits).
    await expect(codeField).toHaveValue("");
    await expect(
      alertWith(customerPage, attempt < 5 ? "not valid" : "Too many wrong codes"),
    ).toBeVisible();
  }
  expect(storedUser(customer.email).lockedUntil).not.toBeNull();

  await page.goto(PATH);
  const lockedOut = page.getByRole("region", { name: "Locked out" });
  await expect(lockedOut.getByText(customer.email, { exact: true })).toBeVisible();
  const until = new Date(storedUser(customer.email).lockedUntil as number | string);
  await expect(lockedOut.locator(`time[datetime="${until.toISOString()}"]`)).toHaveText(/UTC$/);

  // By keyboard: the button opens a confirmation with focus on its confirm button; Escape closes
  // it and focus goes back; Enter on the confirm button unlocks.
  const unlock = lockedOut.getByRole("button", { name: `Unlock ${customer.email}`, exact: true });
  await unlock.focus();
  await page.keyboard.press("Enter");
  await expect(lockedOut.getByRole("button", { name: "Cancel" })).toBeVisible();
  await expect(unlock).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(lockedOut.getByRole("button", { name: "Cancel" })).toHaveCount(0);
  await expect(unlock).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(unlock).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(lockedOut.getByText(customer.email, { exact: true })).toHaveCount(0);
  // The row went with its button: focus is on the list's heading, not lost to the page's start.
  await expect(page.getByRole("heading", { name: "Locked out", exact: true })).toBeFocused();

  const stored = storedUser(customer.email);
  expect(stored.lockedUntil).toBeNull();
  expect(stored.failedCodes).toBe(0);
  const userId = storedUserId(customer);
  expect(auditEventsAbout(userId, "account_unlocked")).toHaveLength(1);

  // Accounts other specs locked are unlocked the same way, with the mouse, until none is left.
  for (let left = 20; left > 0; left--) {
    const next = lockedOut.getByRole("button", { name: /^Unlock / }).first();
    if ((await next.count()) === 0) break;
    const name = (await next.textContent())!;
    await next.click();
    await lockedOut.getByRole("button", { name, exact: true }).click();
    await expect(lockedOut.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  await expect(lockedOut.getByText("Nobody is locked out.", { exact: true })).toBeVisible();

  await signInToVerify(customerPage, customer);
  await verifyWithCode(customerPage, customer.authenticator);
  await expect(customerPage).toHaveURL(/\/customer$/);
  await customerPage.context().close();
});

test("Download CSV gives every account; a customer and a stranger get none", async ({
  adminPage: page,
  browser,
  playwright,
  baseURL,
}) => {
  const customerPage = await browser.newPage();
  const customer = await enrolledAccount(customerPage, "customer", "overview-csv");

  await page.goto(PATH);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV", exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("accounts.csv");
  const lines = readFileSync((await download.path())!, "utf8")
    .trimEnd()
    .split("\n");
  expect(lines[0]).toBe(
    "email,name,role,authenticator app,passkeys,recovery codes left,last sign-in,created",
  );
  const row = lines.find((line) => line.startsWith(`${customer.email},`))!.split(",");
  expect(row.slice(2, 6)).toEqual(["Customer", "yes", "0", "10"]);
  expect(row[6]).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(lines.length).toBeGreaterThan(2);

  const asCustomer = await customerPage.request.get(`${PATH}/accounts.csv`, { maxRedirects: 0 });
  expect(asCustomer.status()).toBe(403);
  expect(await asCustomer.text()).not.toContain(customer.email);
  const stranger = await playwright.request.newContext({ baseURL });
  const anonymous = await stranger.get(`${PATH}/accounts.csv`, { maxRedirects: 0 });
  expect([302, 303, 307, 401]).toContain(anonymous.status());
  expect(await anonymous.text()).not.toContain("recovery codes left");
  await stranger.dispose();
  await customerPage.context().close();
});

test("at 360 px nothing is off-screen, and the headers of the CSV keep it out of caches", async ({
  adminPage: page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(PATH);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // Every heading, link and button ends within the screen's width.
  const controls = page
    .locator("main")
    .getByRole("heading")
    .or(page.locator("main").getByRole("link"))
    .or(page.locator("main").getByRole("button"));
  expect(await controls.count()).toBeGreaterThan(3);
  for (const control of await controls.all()) {
    const box = (await control.boundingBox())!;
    expect(box.x + box.width, await control.innerText()).toBeLessThanOrEqual(360);
  }
  await expect(page.getByRole("img", { name: "Protected accounts over time" })).toBeVisible();
  // The table's columns scroll at this width; its box takes focus, so the keyboard scrolls it.
  const scroller = page.getByRole("region", { name: "Protection by role" });
  await scroller.focus();
  await expect(scroller).toBeFocused();
  await page.keyboard.press("ArrowRight");
  const response = await page.request.get(`${PATH}/accounts.csv`);
  expect(response.headers()["content-type"]).toMatch(/^text\/csv/);
  expect(response.headers()["content-disposition"]).toMatch(/^attachment/);
  expect(response.headers()["cache-control"]).toBe("no-store");
});
