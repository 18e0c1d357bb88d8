import type { Page } from "@playwright/test";
import { ADMIN_USER_AGENT, expect, test } from "../support/admin-fixture";
import { admin } from "../support/browser-accounts";
import {
  newPage,
  signInToVerify,
  signOut,
  submitSignIn,
  submitVerifyCode,
} from "../support/sign-in";
import { enrolledAccount } from "../support/two-factor";
import { applySettings } from "../support/two-factor-settings";

// the security log reads as words: event names written properly, details per event type
// instead of stored JSON, the browser as "Chrome on Linux" (the whole user agent kept in a title),
// and who acted on an account on a line of its own.

test.describe.configure({ timeout: 90_000 });

const FIREFOX_ON_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0 appmail-readable-log";

/** The cells of the newest rows of /backend/audit for `account`, one text per cell. */
async function rowsAbout(page: Page, account: string) {
  await page.goto(`/backend/audit?account=${encodeURIComponent(account)}`);
  return page.locator("table tbody tr").evaluateAll((rows) =>
    rows.map((row) => {
      const cells = Array.from(row.querySelectorAll("td"));
      return {
        who: (cells[1] as HTMLElement).innerText.trim(),
        event: (cells[2] as HTMLElement).innerText.trim(),
        agent: (cells[4] as HTMLElement).innerText.trim(),
        agentFull: cells[4]?.querySelector("[title]")?.getAttribute("title") ?? null,
        details: (cells[5] as HTMLElement).innerText.trim(),
      };
    }),
  );
}

test("events, details, browsers and who read as words", async ({ adminPage, browser }) => {
  const { context, page } = await newPage(browser, { userAgent: FIREFOX_ON_WINDOWS });
  const customer = await enrolledAccount(page, "customer", "readable");
  await signOut(page);
  await submitSignIn(page, customer.email, `${customer.password}-wrong`);
  await expect(page.getByText("Invalid email or password")).toBeVisible();
  await signInToVerify(page, customer);
  const right = await customer.authenticator.code();
  await submitVerifyCode(page, right === "000000" ? "111111" : "000000");
  await expect(page.getByRole("alert").first()).toBeVisible();
  await context.close();
  await applySettings(adminPage, { require: "Admins" });

  const rows = await rowsAbout(adminPage, customer.email);
  const find = (event: string) => {
    const found = rows.find((row) => row.event === event);
    expect(found, `${event} in ${JSON.stringify(rows, null, 1)}`).toBeDefined();
    return found!;
  };
  expect(find("Wrong authentication code").details).toBe("Code refused (1 of 5)");
  expect(find("Sign-in failed").details).toBe("Wrong password");
  expect(find("Sign-in succeeded").details).toBe("Password accepted; a second step follows");
  const enabled = find("Two-factor enabled");
  expect(enabled.details).toMatch(/^Shown in the app as “.+”$/);
  expect(enabled).toMatchObject({
    who: customer.email,
    agent: "Firefox on Windows",
    agentFull: FIREFOX_ON_WINDOWS,
  });
  for (const row of rows) expect(row.details).not.toMatch(/[{}]|"\w+":/);

  await adminPage.goto("/backend/audit");
  const eventSelect = adminPage.getByLabel("Event", { exact: true });
  await expect(eventSelect.getByRole("option", { name: "Sign-ins ended" })).toHaveCount(1);
  await expect(eventSelect.getByRole("option", { name: /_|Two factor|Sign ins/ })).toHaveCount(0);
  await eventSelect.selectOption({ label: "Settings changed" });
  await adminPage.getByRole("button", { name: "Filter", exact: true }).click();
  await adminPage.waitForURL(/type=settings_changed/);
  const newest = adminPage.locator("table tbody tr").first();
  await expect(newest.getByRole("cell").nth(1)).toHaveText(admin.email);
  await expect(newest.getByRole("cell").nth(4)).toHaveText("Chrome on Linux");
  await expect(newest.getByRole("cell").nth(4).locator("[title]")).toHaveAttribute(
    "title",
    ADMIN_USER_AGENT,
  );
  await expect(newest.getByRole("cell").nth(5)).toHaveText("Policy changed from Nobody to Admins");
});
