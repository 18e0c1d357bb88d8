import { expect, test } from "@playwright/test";
import { dashboardUrl } from "../support/browser-accounts";
import { storedUser } from "../support/browser-database";
import { alertWith } from "../support/observe";
import { signInToVerifyThroughForm, submitVerifyCode, verifyUrl } from "../support/sign-in";
import { enrolledWithoutBrowser } from "../support/two-factor";
import { COMPANY_NAME, ensureTwoFactorOn } from "../support/two-factor-settings";

// docs/rules.md, rule 31: a code that is not six digits is a typo, not a guess. The lock that
// real guesses make is tested in two-factor.spec.ts ("five wrong codes lock the second step").

const ENTER_CODE = "Enter the 6-digit code";

test.beforeAll(async ({ browser }) => {
  await ensureTwoFactorOn(browser, COMPANY_NAME);
});

test("typing 12345, abcdef and 1234567 six times over at /login/verify says 'Enter the 6-digit code' and never locks", async ({
  page,
}) => {
  const account = await enrolledWithoutBrowser("customer", "typos");
  await signInToVerifyThroughForm(page, account);

  const field = page.getByLabel("Authentication code", { exact: true });
  for (let round = 1; round <= 6; round++) {
    for (const typo of ["12345", "abcdef", "1234567"]) {
      await submitVerifyCode(page, typo);
      // The form is reset once the action has answered: then the answer sits at the field.
      await expect(field).toHaveValue("");
      await expect(field).toHaveAccessibleDescription(new RegExp(ENTER_CODE));
      await expect(alertWith(page, ENTER_CODE)).toBeVisible();
      await expect(alertWith(page, "Too many wrong codes")).toHaveCount(0);
      await expect(alertWith(page, "not valid")).toHaveCount(0);
    }
  }
  // Eighteen typos counted nothing: the form is still open and the right code signs in.
  expect(storedUser(account.email)).toMatchObject({ failedCodes: 0, lockedUntil: null });
  await expect(field).toBeEnabled();
  await expect(page).toHaveURL(verifyUrl);
  await submitVerifyCode(page, await account.authenticator.code());
  await expect(page).toHaveURL(dashboardUrl("customer"));
});
