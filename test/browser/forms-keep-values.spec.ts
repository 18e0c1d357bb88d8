import type { Locator, Page } from "@playwright/test";
import { expect, test } from "../support/admin-fixture";
import { admin } from "../support/browser-accounts";
import {
  auditDetailsOfType,
  storedEmailSettings,
  storedSettings,
} from "../support/browser-database";
import { PHONE } from "../support/phone-and-keyboard";
import { alertWith, announcements } from "../support/observe";
import { signInToVerify } from "../support/sign-in";
import { enrolledWithoutBrowser } from "../support/two-factor";
import { COMPANY_NAME } from "../support/two-factor-settings";
import { createUserButton, fillNewUserForm } from "../support/users";

// docs/rules.md, rule 29: after a refusal every field but passwords and
// codes keeps what was typed, with the error at its field; after a save the form shows what is
// stored, so that saving again writes back no older value. /setup's refusal is in setup.spec.ts
// (it exists only before the first admin).

const WIDTHS = [
  { name: "1280 px", size: { width: 1280, height: 800 } },
  { name: "360 px", size: PHONE },
];

const saved = (page: Page) => page.getByRole("status").filter({ hasText: "Settings saved" });
const saveButton = (page: Page) => page.getByRole("button", { name: "Save", exact: true });
const label = (page: Page, text: string) => page.getByLabel(text, { exact: true });
const verifyButton = (page: Page) => page.getByRole("button", { name: "Verify", exact: true });

/** The field shows `error` at itself: marked invalid, and described by the message. */
async function expectErrorAt(field: Locator, error: RegExp) {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(error);
}

const settingsChanges = () => auditDetailsOfType("settings_changed");

/** Submits with `button` and waits until the action's answer is on the page (and React's reset done). */
async function submit(page: Page, button: Locator) {
  const answered = page.waitForResponse((response) => response.request().method() === "POST");
  await button.click();
  await answered;
  await expect(button).toHaveAttribute("aria-disabled", "false");
}

test.describe("two-factor settings", () => {
  const policy = (page: Page) => label(page, "Require two-factor authentication for");

  test("after each save the form shows what is stored, and the next save writes back no older value", async ({
    adminPage: page,
  }) => {
    await page.goto("/backend/settings/2fa");
    const before = settingsChanges().length;

    await policy(page).selectOption({ label: "Admins" });
    await submit(page, saveButton(page));
    await expect(saved(page)).toBeVisible();
    await expect(policy(page)).toHaveValue("ADMINS");

    await policy(page).selectOption({ label: "Everyone" });
    await submit(page, saveButton(page));
    await expect(policy(page)).toHaveValue("EVERYONE");
    await expect.poll(() => storedSettings()?.requireTwoFactor).toBe("EVERYONE");

    // The second save: only the company name is edited.
    const renamed = `${COMPANY_NAME} renamed`;
    await label(page, "Company name").fill(renamed);
    await submit(page, saveButton(page));
    await expect.poll(() => storedSettings()?.companyName).toBe(renamed);
    expect(storedSettings()?.requireTwoFactor, "the policy after renaming").toBe("EVERYONE");
    const changes = settingsChanges().slice(before);
    expect(changes, "one security-log entry per save").toHaveLength(3);
    expect(changes[2], "the rename changed the name and nothing else").toEqual({
      old_companyName: COMPANY_NAME,
      new_companyName: renamed,
    });

    // The form as it now stands, at both widths, is what is stored.
    for (const width of WIDTHS) {
      await page.setViewportSize(width.size);
      await expect(policy(page), width.name).toHaveValue("EVERYONE");
      await expect(label(page, "Company name"), width.name).toHaveValue(renamed);
      await expect(label(page, "Grace period (days)"), width.name).toHaveValue("7");
    }
    // Saving the form as it stands changes nothing and logs nothing.
    const stored = JSON.stringify(storedSettings());
    await submit(page, saveButton(page));
    await expect(saved(page)).toBeVisible();
    expect(settingsChanges().slice(before)).toHaveLength(3);
    expect(JSON.stringify(storedSettings())).toBe(stored);
  });

  for (const width of WIDTHS) {
    test(`at ${width.name}, refused numbers keep every typed value with the error at the number`, async ({
      adminPage: page,
    }) => {
      await page.setViewportSize(width.size);
      await page.goto("/backend/settings/2fa");
      const stored = JSON.stringify(storedSettings());

      await label(page, "Company name").fill("Typed Company");
      await policy(page).selectOption({ label: "Everyone" });
      await label(page, "Grace period (days)").fill("400");
      await label(page, "Trust browsers for (days)").fill("5");
      await page.getByRole("checkbox", { name: "Allow passkeys", exact: true }).uncheck();
      await submit(page, saveButton(page));
      await expect(alertWith(page, "Check the highlighted fields.")).toBeVisible();

      await expect(label(page, "Company name")).toHaveValue("Typed Company");
      await expect(policy(page)).toHaveValue("EVERYONE");
      await expect(label(page, "Grace period (days)")).toHaveValue("400");
      await expectErrorAt(label(page, "Grace period (days)"), /grace period/i);
      await expect(label(page, "Trust browsers for (days)")).toHaveValue("5");
      await expect(label(page, "Trust browsers for (days)")).not.toHaveAttribute("aria-invalid");
      await expect(
        page.getByRole("checkbox", { name: "Allow passkeys", exact: true }),
      ).not.toBeChecked();
      expect(JSON.stringify(storedSettings()), "nothing stored").toBe(stored);
    });
  }

  test("a form opened before another admin's save does not overwrite it", async ({
    adminPage: page,
  }) => {
    await page.goto("/backend/settings/2fa");
    const other = await page.context().newPage();
    try {
      await other.goto("/backend/settings/2fa");
      await policy(other).selectOption({ label: "Admins" });
      await submit(other, saveButton(other));
      await expect(saved(other)).toBeVisible();
    } finally {
      await other.close();
    }

    await label(page, "Company name").fill(`${COMPANY_NAME} stale`);
    await submit(page, saveButton(page));
    await expect(page.getByRole("alert").filter({ hasText: "Another admin saved" })).toBeVisible();
    expect(storedSettings()?.requireTwoFactor, "the other admin's policy").toBe("ADMINS");
    expect(storedSettings()?.companyName).toBe(COMPANY_NAME);
    // The form now shows the stored settings, and saving them again is accepted.
    await expect(policy(page)).toHaveValue("ADMINS");
    await expect(label(page, "Company name")).toHaveValue(COMPANY_NAME);
    await submit(page, saveButton(page));
    await expect(saved(page)).toBeVisible();
    expect(storedSettings()?.requireTwoFactor).toBe("ADMINS");
  });
});

test.describe("e-mail settings", () => {
  test.afterEach(async ({ adminPage: page }) => {
    // E-mail off again, as the other specs expect it.
    await page.setViewportSize(WIDTHS[0]!.size);
    await page.goto("/backend/settings/email");
    await label(page, "SMTP host").fill("");
    await label(page, "SMTP port").fill("587");
    await label(page, "Connection security").selectOption({ label: "STARTTLS" });
    await label(page, "SMTP username").fill("");
    await label(page, "From address").fill("");
    await submit(page, saveButton(page));
    await expect(saved(page)).toBeVisible();
  });

  for (const width of WIDTHS) {
    test(`at ${width.name}, a bad From address keeps the other fields and empties the password; a save then shows what is stored`, async ({
      adminPage: page,
    }) => {
      await page.setViewportSize(width.size);
      await page.goto("/backend/settings/email");
      await label(page, "SMTP host").fill("  smtp.example.test ");
      await label(page, "SMTP port").fill("2525");
      await label(page, "Connection security").selectOption({ label: "TLS" });
      await label(page, "SMTP username").fill("mailer");
      await label(page, "SMTP password").fill("smtp secret typed");
      await label(page, "From address").fill("not an address");
      await submit(page, saveButton(page));
      await expect(alertWith(page, "Check the highlighted fields.")).toBeVisible();

      await expect(label(page, "SMTP host")).toHaveValue("  smtp.example.test ");
      await expect(label(page, "SMTP port")).toHaveValue("2525");
      await expect(label(page, "Connection security")).toHaveValue("TLS");
      await expect(label(page, "SMTP username")).toHaveValue("mailer");
      await expect(label(page, "SMTP password")).toHaveValue("");
      await expect(label(page, "From address")).toHaveValue("not an address");
      await expectErrorAt(label(page, "From address"), /valid email address/);
      expect(await page.content()).not.toContain("smtp secret typed");

      await label(page, "From address").fill("appmail@example.test");
      await submit(page, saveButton(page));
      await expect(saved(page)).toBeVisible();
      // What is stored: the host trimmed, TLS, not the page's first values.
      await expect(label(page, "SMTP host")).toHaveValue("smtp.example.test");
      await expect(label(page, "Connection security")).toHaveValue("TLS");
      await expect(label(page, "SMTP port")).toHaveValue("2525");
      await expect(label(page, "From address")).toHaveValue("appmail@example.test");

      const stored = storedEmailSettings();
      expect(stored?.smtpSecurity).toBe("TLS");
      const logged = settingsChanges().length;
      await submit(page, saveButton(page));
      await expect(saved(page)).toBeVisible();
      expect(settingsChanges().length, "the second save logs no change").toBe(logged);
      const again = storedEmailSettings();
      expect({ ...again, updatedAt: null }).toEqual({ ...stored, updatedAt: null });
    });
  }
});

test.describe("e-mail settings, two admins", () => {
  test.afterEach(async ({ adminPage: page }) => {
    await page.goto("/backend/settings/email");
    await label(page, "SMTP host").fill("");
    await label(page, "From address").fill("");
    await submit(page, saveButton(page));
    await expect(saved(page)).toBeVisible();
  });

  test("a form opened before another admin's save does not overwrite it", async ({
    adminPage: page,
  }) => {
    await page.goto("/backend/settings/email");
    const other = await page.context().newPage();
    try {
      await other.goto("/backend/settings/email");
      await label(other, "SMTP host").fill("smtp.other-admin.test");
      await label(other, "From address").fill("other@example.test");
      await submit(other, saveButton(other));
      await expect(saved(other)).toBeVisible();
    } finally {
      await other.close();
    }
    const stored = storedEmailSettings();

    await label(page, "SMTP host").fill("smtp.stale.test");
    await label(page, "From address").fill("stale@example.test");
    await submit(page, saveButton(page));
    await expect(alertWith(page, "Another admin saved")).toBeVisible();
    expect(storedEmailSettings(), "the other admin's settings").toEqual(stored);
    await expect(label(page, "SMTP host")).toHaveValue("smtp.other-admin.test");
    await expect(label(page, "From address")).toHaveValue("other@example.test");
  });
});

for (const width of WIDTHS) {
  test(`at ${width.name}, "New user" refused for a taken email keeps Name, Email and Role, and empties Password`, async ({
    adminPage: page,
  }) => {
    await page.setViewportSize(width.size);
    await fillNewUserForm(page, {
      name: "Second Admin",
      email: admin.email,
      password: "a long enough password",
      role: "Admin",
    });
    await submit(page, createUserButton(page));
    await expect(alertWith(page, "already exists")).toBeVisible();
    await expect(page).toHaveURL(/\/backend\/users\/new$/);

    await expect(label(page, "Name")).toHaveValue("Second Admin");
    await expect(label(page, "Email")).toHaveValue(admin.email);
    await expectErrorAt(label(page, "Email"), /./);
    await expect(label(page, "Role")).toHaveValue("ADMIN");
    await expect(label(page, "Password")).toHaveValue("");
  });
}

test("/login/verify: a wrong recovery code stays typed to be corrected, at 1280 and 360 px", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const account = await enrolledWithoutBrowser("customer", "kept-recovery-code");
    await signInToVerify(page, account);
    // The right shape, one character off: the typo the field must keep to be fixed.
    const typo = `${account.recoveryCodes[0]!.slice(0, 10)}${
      account.recoveryCodes[0]!.endsWith("z") ? "y" : "z"
    }`;
    await page.getByRole("button", { name: "Use a recovery code", exact: true }).click();
    await label(page, "Recovery code").fill(typo);
    await submit(page, verifyButton(page));
    await expect(announcements(page).first()).toBeVisible();
    await expect(label(page, "Recovery code")).toHaveValue(typo);

    await page.setViewportSize(PHONE);
    await label(page, "Recovery code").fill(`${typo} `);
    await submit(page, verifyButton(page));
    await expect(label(page, "Recovery code")).toHaveAttribute("aria-invalid", "true");
    await expect(label(page, "Recovery code")).toHaveValue(`${typo} `);
  } finally {
    await context.close();
  }
});
