import type { Page } from "@playwright/test";
import { ADMIN_USER_AGENT, expect, test, userAgent } from "../support/admin-fixture";
import { admin, accountPage, dashboardUrl } from "../support/browser-accounts";
import { newPage, signInToVerify, signOut, verifyWithCode, submitSignIn } from "../support/sign-in";
import { enrolledAccount } from "../support/two-factor";
import { applySettings } from "../support/two-factor-settings";
import { openUsersList, userRow } from "../support/users";

// docs/rules.md, rule 13: the security log at /backend/audit, newest first, with who, when, client
// address and user agent; filters "Account" and "Event" (button "Filter").

test.describe.configure({ timeout: 90_000 });

type LogRow = {
  when: string;
  who: string;
  event: string;
  address: string;
  /** The browser in words ("Chrome on Linux"). */
  agent: string;
  /** The whole user agent, kept in the cell's title. */
  agentFull: string | null;
  details: string;
};

async function logRows(page: Page): Promise<LogRow[]> {
  const rows = page.locator("table tbody tr");
  return rows.evaluateAll((elements) =>
    elements.map((row) => {
      const cells = Array.from(row.querySelectorAll("td")).map((cell) =>
        (cell as HTMLElement).innerText.trim(),
      );
      return {
        when: cells[0] ?? "",
        who: cells[1] ?? "",
        event: cells[2] ?? "",
        address: cells[3] ?? "",
        agent: cells[4] ?? "",
        agentFull:
          row.querySelectorAll("td")[4]?.querySelector("[title]")?.getAttribute("title") ?? null,
        details: cells[5] ?? "",
      };
    }),
  );
}

async function filterLog(page: Page, filter: { account?: string; event?: string }) {
  await page.goto("/backend/audit");
  await expect(page.getByRole("heading", { name: "Security log", exact: true })).toBeVisible();
  await page.getByLabel("Account", { exact: true }).fill(filter.account ?? "");
  await page
    .getByLabel("Event", { exact: true })
    .selectOption(filter.event ? { label: filter.event } : { index: 0 });
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await page.waitForURL(/\/backend\/audit\?/);
  return logRows(page);
}

/** "N events, newest first." */
async function totalShown(page: Page): Promise<number> {
  const text = await page.getByText(/\d+ events?, newest first/).innerText();
  return Number(/(\d+) event/.exec(text)![1]);
}

test("the security log records admin operations with address and user agent, newest first, and filters by event and account", async ({
  adminPage,
  browser,
}) => {
  const marker = `appmail-audit-${Date.now().toString(36)}`;
  const customerAgent = userAgent(marker);

  // settings changed
  await applySettings(adminPage, { enabled: true, trustDays: 30 });

  // two factor enabled
  const { context, page } = await newPage(browser, { userAgent: customerAgent });
  const customer = await enrolledAccount(page, "customer", "audit");
  await signOut(page);
  // a code with "Trust this browser", then a sign-in with the trusted browser
  await signInToVerify(page, customer);
  await verifyWithCode(page, customer.authenticator, { trustBrowser: true });
  await expect(page).toHaveURL(dashboardUrl("customer"));
  await signOut(page);
  await submitSignIn(page, customer.email, customer.password);
  await expect(page).toHaveURL(dashboardUrl("customer"));
  // trusted browser revoked
  await page.goto(accountPage("customer"));
  await page.getByRole("button", { name: /^Revoke\b/ }).click();
  await expect(page.getByText("No browser skips the code step.")).toBeVisible();
  await context.close();
  // two factor reset, by the admin
  await openUsersList(adminPage, customer.email);
  const row = userRow(adminPage, customer.email);
  await row.getByRole("button", { name: "Reset two-factor", exact: true }).click();
  await row.getByRole("button", { name: "Reset two-factor", exact: true }).click();
  await expect(
    adminPage.getByText(`Two-factor authentication reset for ${customer.email}.`),
  ).toBeVisible();

  // Unfiltered, the newest entry is the reset, with the admin's address and user agent.
  const everything = await filterLog(adminPage, {});
  const allTotal = await totalShown(adminPage);
  expect(everything[0]).toMatchObject({ event: "Two-factor reset", address: "127.0.0.1" });
  // The account, and on a line of its own the admin who acted on it.
  expect(everything[0]!.who.split("\n")).toEqual([customer.email, `by ${admin.email}`]);
  expect(everything[0]).toMatchObject({ agent: "Chrome on Linux", agentFull: ADMIN_USER_AGENT });

  // The Account filter: only this customer's entries.
  const mine = await filterLog(adminPage, { account: customer.email });
  expect(new URL(adminPage.url()).searchParams.get("account")).toBe(customer.email);
  expect(mine.length).toBeGreaterThanOrEqual(5);
  expect(await totalShown(adminPage)).toBe(mine.length);
  expect(mine.length).toBeLessThan(allTotal);
  for (const entry of mine) expect(entry.who).toContain(customer.email);
  expect(mine.map((entry) => entry.event)).not.toContain("Settings changed");
  // Details in words, never stored JSON.
  for (const entry of mine) expect(entry.details).not.toMatch(/[{}]|"\w+":/);

  const index = (event: string, details?: string) => {
    const found = mine.findIndex(
      (entry) =>
        entry.event === event && (details === undefined || entry.details.includes(details)),
    );
    expect(
      found,
      `${event} ${details ?? ""} in ${JSON.stringify(mine, null, 1)}`,
    ).toBeGreaterThanOrEqual(0);
    return found;
  };
  const reset = index("Two-factor reset");
  const revoked = index("Trusted browser revoked");
  const trusted = index("Sign-in succeeded", "a trusted browser skipped the code");
  const enabled = index("Two-factor enabled");
  // Newest first.
  expect(reset).toBeLessThan(revoked);
  expect(revoked).toBeLessThan(trusted);
  expect(trusted).toBeLessThan(enabled);
  for (const position of [revoked, trusted, enabled]) {
    expect(mine[position]).toMatchObject({ address: "127.0.0.1", agentFull: customerAgent });
  }
  expect(mine[reset]).toMatchObject({ address: "127.0.0.1", agentFull: ADMIN_USER_AGENT });
  // Every entry of a browser request has an address and a user agent.
  for (const entry of mine.filter((e) => e.address !== "local")) {
    expect(entry.address).toBe("127.0.0.1");
    expect(entry.agent).not.toMatch(/^(—|)$/);
  }

  // The Event filter: one type only.
  const settings = await filterLog(adminPage, { event: "Settings changed" });
  expect(new URL(adminPage.url()).searchParams.get("type")).toBe("settings_changed");
  expect(settings.length).toBeGreaterThanOrEqual(1);
  for (const entry of settings) expect(entry.event).toBe("Settings changed");
  // A change of the instance's settings names the admin who made it, alone.
  expect(settings[0]!.who).toBe(admin.email);
  expect(settings[0]).toMatchObject({ address: "127.0.0.1", agentFull: ADMIN_USER_AGENT });
  expect(settings[0]!.details).toMatch(/^Trust(ed)? browsers .*30 days$/m);

  for (const event of ["Two-factor reset", "Trusted browser revoked", "Two-factor enabled"]) {
    const rows = await filterLog(adminPage, { event });
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const entry of rows) expect(entry.event).toBe(event);
  }

  // Both filters: exactly one entry.
  const one = await filterLog(adminPage, {
    account: customer.email,
    event: "Trusted browser revoked",
  });
  expect(one).toHaveLength(1);
  expect(one[0]).toMatchObject({ address: "127.0.0.1", agentFull: customerAgent });
});
