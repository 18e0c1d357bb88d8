import { expect, test } from "@playwright/test";
import { admin } from "../support/browser-accounts";
import { recordCspViolations } from "../support/observe";
import { signInAs } from "../support/sign-in";

test("/login is sent with a strict Content-Security-Policy and the security headers", async ({
  page,
}) => {
  const response = await page.goto("/login");
  expect(response?.status()).toBe(200);
  const headers = response!.headers();

  const csp = headers["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  // Not "no-referrer": Chromium would then send "Origin: null" on form posts.
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toBe(
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  );
});

test("the account page is never cached", async ({ page }) => {
  await signInAs(page, admin, "/backend");
  const response = await page.goto("/backend/account");
  expect(response?.status()).toBe(200);
  expect(response!.headers()["cache-control"]).toContain("no-store");
});

test("the session cookie is httpOnly and SameSite=Lax", async ({ page, context }) => {
  expect(await context.cookies()).toHaveLength(0);
  await signInAs(page, admin, "/backend");

  const sessionCookies = (await context.cookies()).filter((cookie) => /session/i.test(cookie.name));
  expect(sessionCookies.length).toBeGreaterThan(0);
  for (const cookie of sessionCookies) {
    expect(cookie, cookie.name).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  }
});

test("/api/health answers 200 {status: ok}", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});

test("/robots.txt keeps crawlers off every page", async ({ request }) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
  const rules = (await response.text()).split("\n").map((line) => line.trim());
  expect(rules).toContain("User-agent: *");
  expect(rules).toContain("Disallow: /");
});

test("/favicon.ico is an icon, not a page", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  // An ICO file: reserved 0, type 1 (icon), at least one image.
  const bytes = await response.body();
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2), bytes.readUInt16LE(4) > 0]).toEqual([
    0,
    1,
    true,
  ]);
});

test("/login and /backend run without Content-Security-Policy violations", async ({ page }) => {
  const violations = recordCspViolations(page);
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await signInAs(page, admin, "/backend");
  await page.goto("/backend");
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  await page.waitForLoadState("load");
  expect(violations).toEqual([]);
});
