import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { runInCommandProcess } from "../support/cli";
import { VirtualAuthenticator } from "../support/passkeys";
import { signOut } from "../support/sign-in";

type Multi = {
  balancer: string;
  instanceA: string;
  instanceB: string;
  env: Record<string, string>;
};
const multi = JSON.parse(process.env.APPMAIL_MULTI ?? "{}") as Multi;
const PASSWORD = "multi-instance password";

/**
 * A command of the command line against the cluster's database, in this worker's command process
 * (`appmail(["settings:set", "--company", "X"])` as `npm run appmail -- settings:set --company X`);
 * `password` is what it reads from standard input. A refusal fails the test.
 */
async function appmail([command, ...flags]: string[], password = "") {
  const options: Record<string, string> = {};
  for (let i = 0; i < flags.length; i += 2) options[flags[i]!.replace(/^--/, "")] = flags[i + 1]!;
  const result = await runInCommandProcess(command!, options, password, multi.env);
  if (result.exitCode !== 0) {
    throw new Error(`appmail ${command} exited ${result.exitCode}: ${result.stderr}`);
  }
}

let counter = 0;
async function createCustomer() {
  const email = `multi-${Date.now()}-${counter++}@example.com`;
  await appmail(
    ["user:create", "--email", email, "--name", "Multi Customer", "--role", "customer"],
    PASSWORD,
  );
  return email;
}

/** Codes for strictly increasing time-steps within the accepted window (no waiting). */
function codeSource(secret: string) {
  let lastStep = -1;
  return async () => {
    const now = Math.floor(Date.now() / 1000 / 30);
    const step = Math.max(lastStep + 1, now - 1);
    if (step > now + 1) throw new Error("no unused time-step left in the window");
    lastStep = step;
    return generate({ secret, epoch: step * 30 });
  };
}

async function signIn(page: Page, base: string, email: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.endsWith("/login"));
}

async function enrol(page: Page, base: string) {
  await page.goto(`${base}/customer/account`);
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const secret = ((await page.getByLabel("Setup key").textContent()) ?? "").replace(/\s/g, "");
  const nextCode = codeSource(secret);
  const panel = page.getByRole("region", { name: "Two-factor authentication" });
  await panel.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("Authentication code").fill(await nextCode());
  await page.getByRole("button", { name: "Enable" }).click();
  await expect(
    page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem"),
  ).toHaveCount(10);
  await page.getByLabel("I have saved these recovery codes", { exact: true }).check();
  await page.getByRole("button", { name: "Done" }).click();
  return nextCode;
}

const wrongCode = "That code is not valid";
const CHROME =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

const adminEmail = `multi-admin-${Date.now()}@example.com`;

test.beforeAll(async () => {
  await appmail(
    ["user:create", "--email", adminEmail, "--name", "Multi Admin", "--role", "admin"],
    PASSWORD,
  );
  await appmail(["settings:set", "--two-factor", "on", "--company", "Acme Cluster"]);
});

test("the balancer spreads requests over both instances", async ({ request }) => {
  const seen = new Set<string>();
  for (let i = 0; i < 6; i++) {
    const response = await request.get(`${multi.balancer}/api/health`);
    expect(response.status()).toBe(200);
    seen.add(response.headers()["x-appmail-instance"] ?? "");
  }
  expect([...seen].sort()).toEqual(["a", "b"]);
});

test("enrolment through the balancer, then step 1 on one instance and step 2 on the other", async ({
  browser,
}) => {
  const email = await createCustomer();
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, multi.balancer, email);
  await expect(page).toHaveURL(/\/customer$/);
  const nextCode = await enrol(page, multi.balancer);
  await signOut(page);

  // Cookies are per host, not per port: the same browser carries the sign-in from A to B.
  await signIn(page, multi.instanceA, email);
  await expect(page).toHaveURL(`${multi.instanceA}/login/verify`);
  await page.goto(`${multi.instanceB}/login/verify`);
  const code = await nextCode();
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(`${multi.instanceB}/customer`);

  // The code just used on B is refused on A. (Signing out is an action: `signOut` waits for it to
  // land on /login, or the next navigation can cancel it.)
  await signOut(page);
  await signIn(page, multi.instanceA, email);
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert").filter({ hasText: wrongCode })).toBeVisible();
  await expect(page).toHaveURL(`${multi.instanceA}/login/verify`);
  await context.close();
});

test("five wrong codes spread over both instances lock the account", async ({ browser }) => {
  const email = await createCustomer();
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, multi.balancer, email);
  await enrol(page, multi.balancer);
  await signOut(page);
  await signIn(page, multi.instanceA, email);
  for (let attempt = 1; attempt <= 5; attempt++) {
    const base = attempt % 2 ? multi.instanceA : multi.instanceB;
    await page.goto(`${base}/login/verify`);
    await page.getByLabel("Authentication code").fill("000000");
    await page.getByRole("button", { name: "Verify" }).click();
    const alert = page.getByRole("alert").filter({ hasText: wrongCode });
    await expect(alert).toBeVisible();
    if (attempt < 5) await expect(alert).not.toContainText("Too many wrong codes");
    else await expect(alert).toContainText("Try again in 15 minutes");
  }
  // The lock ended the pending sign-in; a fresh one on the other instance sees the lock, until
  // when, and a form disabled until then (docs/rules.md, rule 31).
  await signIn(page, multi.instanceB, email);
  await expect(page.getByText("Too many wrong codes. Try again in 15 minutes.")).toBeVisible();
  await expect(page.getByText(/Verification is locked until \d\d:\d\d/)).toBeVisible();
  await expect(page.getByLabel("Authentication code")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Verify" })).toBeDisabled();
  await expect(page).toHaveURL(`${multi.instanceB}/login/verify`);
  await context.close();
});

test("a browser signed out on one instance is refused on the other at its next request", async ({
  browser,
}) => {
  const email = await createCustomer();
  const here = await browser.newContext({ userAgent: CHROME });
  const there = await browser.newContext({ userAgent: FIREFOX });
  const herePage = await here.newPage();
  const therePage = await there.newPage();
  await signIn(herePage, multi.instanceA, email);
  await signIn(therePage, multi.instanceB, email);
  await therePage.goto(`${multi.instanceB}/customer/account`);
  await expect(therePage).toHaveURL(`${multi.instanceB}/customer/account`);

  await herePage.goto(`${multi.instanceA}/customer/account`);
  const section = herePage.getByRole("region", { name: "Signed-in browsers" });
  await section.getByRole("button", { name: "Sign out Firefox on Windows", exact: true }).click();
  await expect(section.getByRole("listitem")).toHaveCount(1);

  await therePage.goto(`${multi.instanceB}/customer`);
  // Sent to sign in again, with the page it asked for to return to (docs/rules.md, rule 30).
  await expect(therePage).toHaveURL(`${multi.instanceB}/login?next=%2Fcustomer`);
  await herePage.goto(`${multi.instanceB}/customer`);
  await expect(herePage).toHaveURL(`${multi.instanceB}/customer`);
  await here.close();
  await there.close();
});

test("an admin reset on one instance signs the account out on the other", async ({ browser }) => {
  const email = await createCustomer();

  const customer = await browser.newContext();
  const customerPage = await customer.newPage();
  await signIn(customerPage, multi.instanceB, email);
  await enrol(customerPage, multi.instanceB);
  await customerPage.goto(`${multi.instanceB}/customer`);
  await expect(customerPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, multi.instanceA, adminEmail);
  await adminPage.goto(`${multi.instanceA}/backend/users`);
  const row = adminPage.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Enabled");
  await row.getByRole("button", { name: "Reset two-factor" }).click();
  await row.getByRole("button", { name: "Reset two-factor" }).click();
  await expect(adminPage.getByText(`Two-factor authentication reset for ${email}.`)).toBeVisible();

  await customerPage.goto(`${multi.instanceB}/customer`);
  await expect(customerPage).toHaveURL(`${multi.instanceB}/login?next=%2Fcustomer`);
  await customer.close();
  await admin.close();
});

test("a passkey registered on one instance signs in on the other", async ({ browser }) => {
  const email = await createCustomer();
  const context = await browser.newContext();
  const page = await context.newPage();
  await VirtualAuthenticator.on(page);
  const servedBy = (path: string) =>
    page.waitForResponse((response) => response.url().includes(path));

  // Through the balancer's origin (the relying party), pinned to instance A.
  await context.setExtraHTTPHeaders({ "x-appmail-pin": "a" });
  await signIn(page, multi.balancer, email);
  await page.goto(`${multi.balancer}/customer/account`);
  const section = page.getByRole("region", { name: "Passkeys" });
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await section.getByLabel("Current password").fill(PASSWORD);
  const registered = servedBy("/api/passkeys/registration");
  await section.getByRole("button", { name: "Add a passkey" }).click();
  expect((await registered).headers()["x-appmail-instance"]).toBe("a");
  await page.getByLabel("I have saved these recovery codes", { exact: true }).check();
  await page.getByRole("button", { name: "Done" }).click();
  await signOut(page);

  // Pinned to instance B: the passkey alone signs in there.
  await context.setExtraHTTPHeaders({ "x-appmail-pin": "b" });
  await page.goto(`${multi.balancer}/login`);
  const signedIn = servedBy("/api/auth/callback/passkey");
  // The button is enabled once the page has hydrated (and checked it is at the configured
  // address); the Email field's autofill may answer first, and the click then finds no button.
  await page
    .getByRole("button", { name: "Sign in with a passkey" })
    .click({ timeout: 15_000 })
    .catch(() => undefined);
  expect((await signedIn).headers()["x-appmail-instance"]).toBe("b");
  await expect(page).toHaveURL(`${multi.balancer}/customer`);
  await context.close();
});

test("a settings change made elsewhere shows on both instances at their next page", async ({
  browser,
}) => {
  // Three commands and six page loads.
  const email = await createCustomer();
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, multi.instanceA, email);
  // Each instance has read the settings for a signed-in page, and keeps its copy of them.
  const header = page.getByRole("banner");
  for (const base of [multi.instanceA, multi.instanceB]) {
    await page.goto(`${base}/customer/account`);
    await expect(header).toContainText("Acme Cluster");
  }
  try {
    await appmail(["settings:set", "--company", "Acme Renamed"]);
    for (const base of [multi.instanceA, multi.instanceB]) {
      await page.goto(`${base}/customer/account`);
      await expect(header, base).toContainText("Acme Renamed");
      await expect(header, base).not.toContainText("Acme Cluster");
    }
  } finally {
    await appmail(["settings:set", "--company", "Acme Cluster"]);
  }
  await context.close();
});
