import { expect, test, type Page } from "@playwright/test";
import { admin, uniqueEmail } from "../support/browser-accounts";
import {
  disableClientValidation,
  expectNewMessage,
  expectNoServerErrorPage,
  recordServerErrors,
  setFieldValue,
} from "../support/observe";
import { loginPath, signInAs } from "../support/sign-in";
import { createUserButton, emailOnPage, openUsersList, type NewUser } from "../support/users";

const hugeText = "a".repeat(100_000);

const badSignIns: { case: string; email: string; password: string }[] = [
  { case: "empty fields", email: "", password: "" },
  { case: "a 100,000-character email", email: `${hugeText}@example.com`, password: "whatever 123" },
  {
    case: "an email with NUL and emoji",
    email: "nul\u0000😀@example.com",
    password: "whatever 123",
  },
];

for (const input of badSignIns) {
  test(`/login answers ${input.case} with a message, never a server error`, async ({ page }) => {
    const serverErrors = recordServerErrors(page);
    await page.goto("/login");
    await disableClientValidation(page);
    await setFieldValue(page.getByLabel("Email", { exact: true }), input.email);
    await setFieldValue(page.getByLabel("Password", { exact: true }), input.password);

    await expectNewMessage(page, () =>
      page.getByRole("button", { name: "Sign in", exact: true }).click(),
    );
    await expect(page).toHaveURL(loginPath);
    await expectNoServerErrorPage(page);
    expect(serverErrors).toEqual([]);
  });
}

async function submitNewUser(page: Page, user: NewUser): Promise<void> {
  await page.goto("/backend/users/new");
  await disableClientValidation(page);
  await setFieldValue(page.getByLabel("Name", { exact: true }), user.name);
  await setFieldValue(page.getByLabel("Email", { exact: true }), user.email);
  await setFieldValue(page.getByLabel("Password", { exact: true }), user.password);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: user.role });
  await expectNewMessage(page, () => createUserButton(page).click());
}

const validUser = (): NewUser => ({
  name: "Bad Input",
  email: uniqueEmail("bad-input"),
  password: "long enough password",
  role: "Customer",
});

const badUsers: { case: string; user: () => NewUser }[] = [
  { case: "an empty name", user: () => ({ ...validUser(), name: "" }) },
  { case: "a 100,000-character name", user: () => ({ ...validUser(), name: hugeText }) },
  {
    case: "an invalid email",
    user: () => ({ ...validUser(), email: `not-an-email-${Date.now()}` }),
  },
  { case: "a short password", user: () => ({ ...validUser(), password: "short" }) },
];

for (const input of badUsers) {
  test(`/backend/users/new refuses ${input.case} with a message and creates no user`, async ({
    page,
  }) => {
    const user = input.user();
    await signInAs(page, admin, "/backend");
    const serverErrors = recordServerErrors(page);

    await submitNewUser(page, user);
    await expect(page).toHaveURL(/\/backend\/users\/new$/);
    await expectNoServerErrorPage(page);
    expect(serverErrors).toEqual([]);

    await openUsersList(page, admin.email);
    await expect(emailOnPage(page, admin.email)).toBeVisible();
    await openUsersList(page, user.email);
    await expect(page.getByText(user.email)).toHaveCount(0);
  });
}
