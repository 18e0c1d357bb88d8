import { expect, test } from "@playwright/test";
import { createAccount } from "../support/browser-accounts";
import { signInAs } from "../support/sign-in";

// Passkeys work only at NEXTAUTH_URL's origin (docs/rules.md, rule 18). A newcomer who opens the
// app at another address of the same server (127.0.0.1 for localhost) is told where passkeys work
// before any prompt opens, on /login and on the account page, instead of a prompt that fails.

test("at another address than the configured one, /login and the account page say where passkeys work", async ({
  page,
}, testInfo) => {
  const configured = new URL(testInfo.project.use.baseURL!);
  const other = `http://127.0.0.1:${configured.port}`;
  const notice = `Passkeys work at ${configured.origin}, the address this server is configured for.`;

  await page.goto(`${other}/login`);
  await expect(page.getByText(notice)).toBeVisible();
  const passkeyButton = page.getByRole("button", { name: "Sign in with a passkey", exact: true });
  await expect(passkeyButton).toBeDisabled();
  await expect(passkeyButton).toHaveAccessibleDescription(notice + ` Open ${configured.origin}`);
  await expect(page.getByRole("link", { name: `Open ${configured.origin}` })).toHaveAttribute(
    "href",
    configured.origin,
  );

  // At the configured address nothing of it shows.
  await page.goto("/login");
  await expect(
    page.getByRole("button", { name: "Sign in with a passkey", exact: true }),
  ).toBeEnabled();
  await expect(page.getByText(notice)).toHaveCount(0);

  // The account page says the same before "Add a passkey" (the session, taken there by hand: the
  // sign-in itself lands on the configured address).
  const account = await createAccount("customer", "other-address");
  await signInAs(page, account, "/customer");
  const cookies = await page.context().cookies();
  await page.context().addCookies(cookies.map((cookie) => ({ ...cookie, domain: "127.0.0.1" })));
  await page.goto(`${other}/customer/account`);
  const passkeys = page.getByRole("region", { name: "Passkeys", exact: true });
  await expect(passkeys.getByText(notice)).toBeVisible();
  await expect(passkeys.getByRole("button", { name: "Add a passkey", exact: true })).toBeDisabled();
});
