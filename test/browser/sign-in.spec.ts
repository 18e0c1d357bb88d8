import { expect, test } from "@playwright/test";
import { admin, uniqueEmail } from "../support/accounts";
import { announcements } from "../support/observe";
import { loginPath, signInAs, submitSignIn } from "../support/session";

test("an admin signs in at /login and lands on /backend", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByLabel("Email", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();

  await signInAs(page, admin, "/backend");
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
});

test("a wrong password and an unknown email get exactly the same answer", async ({ page }) => {
  await submitSignIn(page, admin.email, "not the right password");
  const invalid = page.getByRole("alert").filter({ hasText: "Invalid email or password" });
  await expect(invalid).toBeVisible();
  await expect(invalid).toHaveText(/^\s*Invalid email or password\.?\s*$/);
  await expect(page).toHaveURL(loginPath);
  const wrongPasswordAnswer = await announcements(page).allInnerTexts();

  await submitSignIn(page, uniqueEmail("nobody"), "not the right password");
  await expect(invalid).toBeVisible();
  await expect(page).toHaveURL(loginPath);
  const unknownEmailAnswer = await announcements(page).allInnerTexts();

  expect(unknownEmailAnswer).toEqual(wrongPasswordAnswer);
});

for (const path of ["/backend", "/backend/users", "/customer", "/customer/account"]) {
  test(`a signed-out visitor opening ${path} is sent to /login`, async ({ page }) => {
    await page.goto(path);
    await expect(page).toHaveURL(loginPath);
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  });
}

test("Sign out ends the session, and going back shows no backend page", async ({ page }) => {
  await signInAs(page, admin, "/backend");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(loginPath);

  await page.goBack();
  await expect(page).toHaveURL(loginPath);
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toHaveCount(0);

  await page.goto("/backend");
  await expect(page).toHaveURL(loginPath);
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toHaveCount(0);
});

test("a copy of the session cookie taken before Sign out no longer opens /backend", async ({
  page,
  context,
  browser,
}) => {
  await signInAs(page, admin, "/backend");
  const stolenCookies = await context.cookies();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(loginPath);

  const replay = await browser.newContext();
  await replay.addCookies(stolenCookies);
  const replayPage = await replay.newPage();
  await replayPage.goto("/backend");
  await expect(replayPage).toHaveURL(loginPath);
  await replay.close();
});
