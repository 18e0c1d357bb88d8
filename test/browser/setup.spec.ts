import { expect, test } from "@playwright/test";
import { admin } from "../support/browser-accounts";
import { alertWith, announcements } from "../support/observe";
import { PHONE } from "../support/phone-and-keyboard";
import { testRunDir, testServers } from "../support/test-servers";
import { loginPath, signIn, submitSignIn } from "../support/sign-in";

// First run: these tests depend on each other's order (no admin yet, then one admin). They walk
// the first worker's server; every other worker's server gets its first admin at the end.
test.describe.configure({ mode: "serial" });
const [first, ...others] = testServers(testRunDir());
test.use({ baseURL: first!.url });

test("a fresh instance sends visitors of / and /login to /setup", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);

  await page.goto("/login");
  await expect(page).toHaveURL(/\/setup$/);
});

test("/setup asks for the first admin's name, email and password", async ({ page }) => {
  await page.goto("/setup");
  await expect(page.getByLabel("Name", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create admin", exact: true })).toBeVisible();
});

// docs/rules.md, rule 29: a refusal keeps Name and Email, empties Password, and says where.
for (const [width, size] of [
  ["1280 px", { width: 1280, height: 800 }],
  ["360 px", PHONE],
] as const) {
  test(`at ${width}, a refused /setup keeps Name and Email and empties Password`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto("/setup");
    await page.getByLabel("Name", { exact: true }).fill(admin.name);
    await page.getByLabel("Email", { exact: true }).fill(admin.email);
    await page.getByLabel("Password", { exact: true }).fill("short");
    const create = page.getByRole("button", { name: "Create admin", exact: true });
    const answered = page.waitForResponse((response) => response.request().method() === "POST");
    await create.click();
    await answered;
    await expect(create).toHaveAttribute("aria-disabled", "false");

    await expect(alertWith(page, "Check the highlighted fields.")).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(admin.name);
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(admin.email);
    const password = page.getByLabel("Password", { exact: true });
    await expect(password).toHaveValue("");
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(password).toHaveAccessibleDescription(/Use at least/);
  });
}

test("creating the first admin signs in to /backend, and a stale setup form creates no second admin", async ({
  page,
  browser,
}) => {
  // An attacker who opened /setup before the admin was created keeps the form.
  const attackerContext = await browser.newContext();
  const attacker = await attackerContext.newPage();
  await attacker.goto("/setup");
  await expect(attacker.getByRole("button", { name: "Create admin", exact: true })).toBeVisible();

  await page.goto("/setup");
  await page.getByLabel("Name", { exact: true }).fill(admin.name);
  await page.getByLabel("Email", { exact: true }).fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByRole("button", { name: "Create admin", exact: true }).click();

  await expect(page).toHaveURL(/\/(backend|login)(\?.*)?$/);
  if (loginPath.test(page.url())) await signIn(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/backend$/);

  const intruder = { email: "intruder@example.com", password: "intruder password 123" };
  await attacker.getByLabel("Name", { exact: true }).fill("Intruder");
  await attacker.getByLabel("Email", { exact: true }).fill(intruder.email);
  await attacker.getByLabel("Password", { exact: true }).fill(intruder.password);
  await attacker.getByRole("button", { name: "Create admin", exact: true }).click();
  // Refused either way: sent to /login, or told so on the page.
  await expect(
    attacker
      .getByRole("button", { name: "Sign in", exact: true })
      .or(announcements(attacker))
      .first(),
  ).toBeVisible();
  await expect(attacker).not.toHaveURL(/\/backend/);

  await attackerContext.clearCookies();
  await submitSignIn(attacker, intruder.email, intruder.password);
  await expect(
    attacker.getByRole("alert").filter({ hasText: "Invalid email or password" }),
  ).toBeVisible();
  await expect(attacker).toHaveURL(loginPath);
  await attackerContext.close();
});

test("once an admin exists, /setup redirects to /login", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/setup");
  await expect(page).toHaveURL(loginPath);
  await expect(page.getByRole("button", { name: "Create admin" })).toHaveCount(0);
  await context.close();
});

for (const server of others) {
  test(`the first admin of server ${server.index} (worker ${server.index}'s)`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto("/setup");
    await page.getByLabel("Name", { exact: true }).fill(admin.name);
    await page.getByLabel("Email", { exact: true }).fill(admin.email);
    await page.getByLabel("Password", { exact: true }).fill(admin.password);
    await page.getByRole("button", { name: "Create admin", exact: true }).click();
    await expect(page).toHaveURL(/\/(backend|login)(\?.*)?$/);
    await page.goto("/setup");
    await expect(page).toHaveURL(loginPath);
    await context.close();
  });
}
