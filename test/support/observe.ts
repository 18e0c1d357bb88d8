import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Announced messages on the page: `role="alert"`, `role="status"` and live regions, without
 * Next.js's route announcer (which is a live region too).
 */
export function announcements(page: Page): Locator {
  return page
    .locator(
      [
        '[role="alert"]:not(#__next-route-announcer__)',
        '[role="status"]:not(#__next-route-announcer__)',
        '[aria-live]:not([aria-live="off"]):not(#__next-route-announcer__)',
      ].join(", "),
    )
    .filter({ hasText: /\S/, visible: true });
}

/** Alerts on the page with the given text (Next's route announcer is an alert too). */
export function alertWith(page: Page, text: string | RegExp): Locator {
  return page.getByRole("alert").filter({ hasText: text });
}

/**
 * Runs `action` (a submission) and expects a message to be announced that was not on the page
 * before: a banner that was already there does not count.
 */
export async function expectNewMessage(page: Page, action: () => Promise<void>): Promise<void> {
  const before = new Set(await announcements(page).allInnerTexts());
  await action();
  await expect
    .poll(async () => (await announcements(page).allInnerTexts()).some((text) => !before.has(text)))
    .toBe(true);
}

/** Records every response with a 5xx status that the page receives (documents, actions, fetches). */
export function recordServerErrors(page: Page): string[] {
  const failures: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 500) {
      failures.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    }
  });
  return failures;
}

/** Records console messages that report a Content-Security-Policy violation. */
export function recordCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  return violations;
}

/** Expects the page to show neither a server-error page nor a stack trace. */
export async function expectNoServerErrorPage(page: Page): Promise<void> {
  const body = page.locator("body");
  await expect(body).not.toContainText(/server-side exception|Internal Server Error/i);
  await expect(body).not.toContainText(/\bat \S+ \(?[^\s()]+:\d+:\d+\)?/);
}

/**
 * Sets a field's value the way a script would: no `maxlength`, no input filtering. React's
 * value tracker is bypassed through the native setter so that controlled inputs see it too.
 */
export async function setFieldValue(field: Locator, value: string): Promise<void> {
  await field.evaluate((element, text) => {
    const input = element as HTMLInputElement;
    const prototype = Object.getPrototypeOf(input) as object;
    const setter = Object.getOwnPropertyDescriptor(prototype, "value")?.set;
    if (setter) setter.call(input, text);
    else input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }, value);
}

/** Turns off the browser's own form checks, as a script posting straight to the server would. */
export async function disableClientValidation(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const form of Array.from(document.forms)) form.noValidate = true;
    for (const field of Array.from(document.querySelectorAll("input, select, textarea"))) {
      for (const attribute of ["required", "maxlength", "minlength", "pattern"]) {
        field.removeAttribute(attribute);
      }
    }
  });
}
