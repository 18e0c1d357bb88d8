import { expect, test } from "@playwright/test";
import { admin, uniqueEmail } from "../support/browser-accounts";
import { createUserWithCli } from "../support/cli";
import { announcements } from "../support/observe";
import { loginPath, signIn, signInThroughForm, submitSignIn } from "../support/sign-in";

test("an admin signs in at /login and lands on /backend", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByLabel("Email", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();

  await signInThroughForm(page, admin, "/backend");
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
  await signInThroughForm(page, admin, "/backend");
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
  await signInThroughForm(page, admin, "/backend");
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

test("the owner's browser still signs in after strangers' wrong passwords reach the account's limit, while the stranger is told to wait", async ({
  page,
  context,
  browser,
}) => {
  // Creating the account through the CLI and eleven sign-ins take a while on a busy machine.
  test.setTimeout(180_000);
  const owner = {
    name: "Device Owner",
    email: uniqueEmail("device-owner"),
    password: "password of the device owner",
    role: "customer" as const,
  };
  await createUserWithCli(owner);

  // The owner's browser signs in once; its session then ends, its other cookies stay.
  await signIn(page, owner.email, owner.password);
  await context.clearCookies({ name: /session-token/ });

  const stranger = await browser.newContext();
  try {
    const strangerPage = await stranger.newPage();
    const invalid = strangerPage
      .getByRole("alert")
      .filter({ hasText: "Invalid email or password" });
    // Guess after guess on the same form, each waiting for the server's answer.
    await strangerPage.goto("/login");
    await strangerPage.getByLabel("Email", { exact: true }).fill(owner.email);
    for (let attempt = 1; attempt <= 10; attempt++) {
      await strangerPage.getByLabel("Password", { exact: true }).fill(`stranger guess ${attempt}`);
      await Promise.all([
        strangerPage.waitForResponse((r) => r.url().endsWith("/api/auth/callback/credentials")),
        strangerPage.getByRole("button", { name: "Sign in", exact: true }).click(),
      ]);
      await expect(invalid, `guess ${attempt}`).toBeVisible();
    }
    const wait = strangerPage
      .getByRole("alert")
      .filter({ hasText: "Too many failed sign-in attempts. Try again in 15 minutes." });
    await submitSignIn(strangerPage, owner.email, owner.password);
    await expect(wait).toBeVisible();

    // The owner's browser is let through: signIn waits for it to leave /login.
    await signIn(page, owner.email, owner.password);

    // The owner signing in does not lift the block for the stranger.
    await submitSignIn(strangerPage, owner.email, owner.password);
    await expect(wait).toBeVisible();
    await expect(strangerPage).toHaveURL(loginPath);
  } finally {
    await stranger.close();
  }
  // What marks the owner's browser: a device cookie script cannot read (sent to sign-in and to
  // /login/forgot's action, so the whole site).
  const deviceCookies = (await context.cookies()).filter((c) =>
    c.name.startsWith("appmail-device-"),
  );
  expect(deviceCookies).toEqual([
    expect.objectContaining({
      httpOnly: true,
      sameSite: "Lax",
      path: "/",
    }),
  ]);
});
