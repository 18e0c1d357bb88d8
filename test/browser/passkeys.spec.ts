// Passkeys (docs/rules.md, rule 18) in Chromium with the DevTools virtual authenticator. The
// suite runs on localhost: WebAuthn refuses an IP address as the relying party.
import type { Page } from "@playwright/test";
import { expect, test } from "@/test/support/admin-fixture";
import {
  accountPage,
  createAccount,
  dashboardUrl,
  type Account,
} from "@/test/support/browser-accounts";
import { auditEventsAbout, passkeysOf, storedUserId } from "@/test/support/browser-database";
import { runAppmail } from "@/test/support/cli";
import { expectUsableOnPhoneByKeyboard, PHONE } from "@/test/support/phone-and-keyboard";
import {
  addPasskeyHere,
  authenticatorWith,
  passkeyItem,
  passkeySection,
  postPasskeyRoute,
  signInWithPasskey,
  VirtualAuthenticator,
  type VirtualCredential,
} from "@/test/support/passkeys";
import {
  newPage,
  signInAs,
  signInToVerifyThroughForm,
  submitSignIn,
  verifyUrl,
} from "@/test/support/sign-in";
import { applySettings } from "@/test/support/two-factor-settings";
import { enrolledAccount, recoveryCodeList, shownRecoveryCodes } from "@/test/support/two-factor";

// Each scenario makes accounts with the command line and runs several sign-ins.
test.describe.configure({ timeout: 120_000 });

/** Adds a passkey on the account page of a signed-in `page`; returns the credential made. */
async function registerPasskey(
  page: Page,
  account: Account,
  options: { code?: string; name?: string } = {},
): Promise<VirtualCredential> {
  const authenticator = await VirtualAuthenticator.on(page);
  await page.goto(accountPage(account.role));
  await addPasskeyHere(page, account.password, options);
  const item = passkeyItem(page, options.name ?? "Work laptop");
  await expect(recoveryCodeList(page).or(item)).toBeVisible();
  if (await recoveryCodeList(page).isVisible()) {
    await page.getByLabel("I have saved these recovery codes", { exact: true }).check();
    await page.getByRole("button", { name: "Done", exact: true }).click();
  }
  await expect(item).toBeVisible();
  const [credential] = await authenticator.credentials();
  return credential!;
}

/** A customer with one passkey named "Work laptop", made in a browser of its own. */
async function customerWithPasskey(browser: import("@playwright/test").Browser) {
  const account = await createAccount("customer", "passkey");
  const { context, page } = await newPage(browser);
  await signInAs(page, account, "/customer");
  const credential = await registerPasskey(page, account, { name: "Work laptop" });
  await context.close();
  return { account, credential };
}

test.beforeEach(async ({ adminPage }) => {
  void adminPage; // neutral settings: 2FA on, nobody forced, passkeys allowed
});

test("add a passkey after the password: named, listed, 10 recovery codes; remove it with the password", async ({
  page,
  browser,
}) => {
  const authenticator = await VirtualAuthenticator.on(page);
  const account = await createAccount("customer", "passkey");
  await signInAs(page, account, "/customer");
  // Another browser signed in to the account: each change offers to sign it out (rule 22).
  const elsewhere = await newPage(browser);
  await signInAs(elsewhere.page, account, "/customer");
  const offer = passkeyChangeOffer(page);
  await page.goto(accountPage("customer"));
  const section = passkeySection(page);
  await expect(section.getByRole("heading", { name: "Passkeys", exact: true })).toBeVisible();

  await page.setViewportSize(PHONE);
  await addPasskeyHere(page, "not the password", { name: "Work laptop" });
  await expect(section.getByRole("alert")).toContainText("incorrect");
  expect(passkeysOf(storedUserId(account))).toHaveLength(0);
  await expectUsableOnPhoneByKeyboard(page, "the account page (add a passkey, refused)");

  // The refused form was cleared, as every form here is after its action.
  await section.getByLabel("Current password", { exact: true }).fill(account.password);
  await section.getByLabel("Passkey name", { exact: true }).fill("Work laptop");
  await section.getByRole("button", { name: "Add a passkey", exact: true }).click();
  expect(await shownRecoveryCodes(page)).toHaveLength(10);
  await page.getByLabel("I have saved these recovery codes", { exact: true }).check();
  await page.getByRole("button", { name: "Done", exact: true }).click();
  await expect(offer).toHaveCount(1);
  const item = passkeyItem(page, "Work laptop");
  await expect(item).toContainText("Added");
  await expect(item).toContainText("Never used");
  expect(passkeysOf(storedUserId(account))).toHaveLength(1);
  expect(await authenticator.credentials()).toHaveLength(1);
  expect(auditEventsAbout(storedUserId(account), "passkey_added")).toHaveLength(1);
  expect(auditEventsAbout(storedUserId(account), "password_check_failed")).toHaveLength(1);

  await page.goto(accountPage("customer"));
  await expect(offer).toHaveCount(0);
  await item.getByRole("button", { name: "Remove Work laptop", exact: true }).click();
  await expect(item.getByLabel("Current password", { exact: true })).toBeVisible();
  await expectUsableOnPhoneByKeyboard(page, "the account page (remove a passkey)");
  // Its only second factor now: the authenticator confirms the removal (rule 27), and a wrong
  // password beside it is refused without saying which of the two was wrong.
  await item.getByLabel("Current password", { exact: true }).fill("not the password");
  await item.getByRole("button", { name: "Remove Work laptop", exact: true }).click();
  await expect(item.getByRole("alert")).toContainText("password or passkey confirmation");
  expect(passkeysOf(storedUserId(account))).toHaveLength(1);
  await item.getByLabel("Current password", { exact: true }).fill(account.password);
  await item.getByRole("button", { name: "Remove Work laptop", exact: true }).click();
  await expect(section.getByText("No passkeys yet.")).toBeVisible();
  expect(passkeysOf(storedUserId(account))).toHaveLength(0);
  expect(auditEventsAbout(storedUserId(account), "passkey_removed")).toHaveLength(1);
  await section.getByRole("button", { name: "Sign out all other browsers", exact: true }).click();
  await elsewhere.page.goto("/customer");
  await expect(elsewhere.page).toHaveURL(/\/login(\?.*)?$/);
  await elsewhere.context.close();
});

test("a passkey-only account confirms adding and removing a passkey with one of its passkeys; a refused prompt changes nothing", async ({
  page,
}) => {
  const authenticator = await VirtualAuthenticator.on(page);
  const account = await createAccount("customer", "passkey-only");
  await signInAs(page, account, "/customer");
  await page.goto(accountPage("customer"));
  // The first passkey: the password alone, as there is no other factor to ask for.
  await addPasskeyHere(page, account.password, { name: "Work laptop" });
  expect(await shownRecoveryCodes(page)).toHaveLength(10);
  await page.getByLabel("I have saved these recovery codes", { exact: true }).check();
  await page.getByRole("button", { name: "Done", exact: true }).click();
  const laptop = passkeyItem(page, "Work laptop");
  await expect(laptop).toBeVisible();
  const [laptopKey] = await authenticator.credentials();
  const section = passkeySection(page);
  const confirmations = () => auditEventsAbout(storedUserId(account), "passkey_used").length;

  // The authenticator refuses (no user verification): the form says so, and neither the
  // password nor anything else is sent.
  const actionPosts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) {
      actionPosts.push(request.url());
    }
  });
  await authenticator.setUserVerified(false);
  await addPasskeyHere(page, account.password, { name: "Phone" });
  await expect(section.getByRole("alert")).toContainText("passkey prompt was closed or failed");
  expect(actionPosts).toEqual([]);
  expect(passkeysOf(storedUserId(account))).toHaveLength(1);
  expect(confirmations()).toBe(0);
  await page.setViewportSize(PHONE);
  await expectUsableOnPhoneByKeyboard(page, "the account page (add a passkey, not confirmed)");
  await authenticator.setUserVerified(true);

  // Confirmed by "Work laptop". The new one is made as on another device: the laptop's key
  // leaves this authenticator once it has answered (while the action is held), since a
  // registration excludes the account's credentials.
  await page.route("**/customer/account", async (route) => {
    if (route.request().method() === "POST") await authenticator.remove(laptopKey!.credentialId);
    await route.fallback();
  });
  await section.getByLabel("Current password", { exact: true }).fill(account.password);
  await section.getByLabel("Passkey name", { exact: true }).fill("Phone");
  await section.getByRole("button", { name: "Add a passkey", exact: true }).click();
  await expect(section.getByText("Passkey “Phone” added.")).toBeVisible();
  await page.unroute("**/customer/account");
  await expect(passkeyItem(page, "Phone")).toBeVisible();
  expect(passkeysOf(storedUserId(account))).toHaveLength(2);
  expect(confirmations()).toBe(1);
  expect(auditEventsAbout(storedUserId(account), "passkey_used").at(-1)?.details).toContain(
    "confirm",
  );
  await expect(laptop).toContainText("Last used");

  // Removing "Work laptop", confirmed by "Phone": refused while the authenticator refuses.
  await laptop.getByRole("button", { name: "Remove Work laptop", exact: true }).click();
  await expect(laptop).toContainText("one of your passkeys");
  await authenticator.setUserVerified(false);
  await laptop.getByLabel("Current password", { exact: true }).fill(account.password);
  await laptop.getByRole("button", { name: "Remove Work laptop", exact: true }).click();
  await expect(laptop.getByRole("alert")).toContainText("passkey prompt was closed or failed");
  expect(actionPosts).toHaveLength(1); // the add's, confirmed
  expect(passkeysOf(storedUserId(account))).toHaveLength(2);
  await expectUsableOnPhoneByKeyboard(page, "the account page (remove a passkey, not confirmed)");
  await authenticator.setUserVerified(true);
  await laptop.getByLabel("Current password", { exact: true }).fill(account.password);
  await laptop.getByRole("button", { name: "Remove Work laptop", exact: true }).click();
  await expect(section.getByText("Passkey “Work laptop” removed.")).toBeVisible();
  await expect(laptop).toHaveCount(0);
  expect(passkeysOf(storedUserId(account)).map((row) => row.name)).toEqual(["Phone"]);
  expect(auditEventsAbout(storedUserId(account), "passkey_removed")).toHaveLength(1);
  expect(confirmations()).toBe(2);
});

/** The offer to end the other browsers, shown in the Passkeys section after a change. */
function passkeyChangeOffer(page: Page) {
  return passkeySection(page).getByText(/other browsers? (is|are) signed in to your account/);
}

test("a passkey alone signs in on /login (button or Email autofill), with no password and no code", async ({
  browser,
}) => {
  const { account, credential } = await customerWithPasskey(browser);
  const { context, page } = await newPage(browser);
  // The Email field offers passkeys in autofill. Checked before the authenticator holds the
  // passkey: the virtual one answers the autofill request at once, and the page is then gone.
  await page.goto("/login");
  await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute(
    "autocomplete",
    "username webauthn",
  );
  await authenticatorWith(page, credential);
  await signInWithPasskey(page);
  await expect(page).toHaveURL(dashboardUrl("customer"));
  await page.goto(accountPage("customer"));
  await expect(passkeyItem(page, "Work laptop")).toContainText("Last used");
  const events = auditEventsAbout(storedUserId(account), "sign_in_succeeded");
  expect(events.at(-1)?.details).toContain("passkey");
  await context.close();
});

test("step 2 with a passkey; a replayed assertion and a pending sign-in's registration are refused", async ({
  browser,
  baseURL,
}) => {
  const { context: first, page: owner } = await newPage(browser);
  const account = await enrolledAccount(owner, "customer", "passkey-2fa");
  const code = await account.authenticator.code();
  const credential = await registerPasskey(owner, account, { code, name: "Phone" });
  await first.close();

  const { context, page } = await newPage(browser);
  await signInToVerifyThroughForm(page, account);
  await authenticatorWith(page, credential);
  const posted = page.waitForRequest("**/api/passkeys/second-step");
  await page.getByRole("button", { name: "Use a passkey", exact: true }).click();
  await expect(page).toHaveURL(dashboardUrl("customer"));
  const assertion = (await posted).postData()!;
  await context.close();

  // The same assertion again, for another pending sign-in: its challenge is used up.
  const { context: other, page: pending } = await newPage(browser);
  await signInToVerifyThroughForm(pending, account);
  const replay = await postPasskeyRoute(pending, baseURL!, "/api/passkeys/second-step", assertion);
  expect(replay.status()).toBe(400);
  const register = await postPasskeyRoute(pending, baseURL!, "/api/passkeys/registration", {
    response: JSON.parse(assertion).response,
  });
  expect(register.status()).toBe(403);
  const confirm = await postPasskeyRoute(
    pending,
    baseURL!,
    "/api/passkeys/confirmation-options",
    {},
  );
  expect(confirm.status()).toBe(403);
  await pending.goto(accountPage("customer"));
  await expect(pending).toHaveURL(verifyUrl);
  expect(passkeysOf(storedUserId(account))).toHaveLength(1);
  await other.close();
});

test("a cloned authenticator with a lower counter is refused and audited", async ({ browser }) => {
  const { account, credential } = await customerWithPasskey(browser);
  for (let use = 0; use < 2; use++) {
    const { context, page } = await newPage(browser);
    const authenticator = await authenticatorWith(page, credential);
    await signInWithPasskey(page);
    await expect(page).toHaveURL(dashboardUrl("customer"));
    credential.signCount = (await authenticator.credentials())[0]!.signCount;
    await context.close();
  }
  expect(Number(passkeysOf(storedUserId(account))[0]!.counter)).toBeGreaterThan(0);

  const { context, page } = await newPage(browser);
  await authenticatorWith(page, credential, 0);
  await signInWithPasskey(page);
  await expect(page.getByRole("alert").filter({ hasText: "could not be used" })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  const refused = auditEventsAbout(storedUserId(account), "passkey_refused");
  expect(refused.at(-1)?.details).toContain("counter_regression");
  await context.close();
});

test("policy: a passkey is an enrolment, and /login/enroll can enrol one", async ({
  browser,
  adminPage,
}) => {
  const { account, credential } = await customerWithPasskey(browser);
  await applySettings(adminPage, { require: "Everyone", graceDays: 0 });

  // Enrolled by its passkey: step 2, not enrolment.
  const { context, page } = await newPage(browser);
  await submitSignIn(page, account.email, account.password);
  await expect(page).toHaveURL(verifyUrl);
  await authenticatorWith(page, credential);
  await page.getByRole("button", { name: "Use a passkey", exact: true }).click();
  await expect(page).toHaveURL(dashboardUrl("customer"));
  await context.close();

  // Not enrolled: /login/enroll offers a passkey as the enrolment.
  const fresh = await createAccount("customer", "passkey-enrol");
  const { context: second, page: enrolling } = await newPage(browser);
  await VirtualAuthenticator.on(enrolling);
  await submitSignIn(enrolling, fresh.email, fresh.password);
  await expect(enrolling).toHaveURL(/\/login\/enroll$/);
  await addPasskeyHere(enrolling, fresh.password, { name: "Desk key" });
  expect(await shownRecoveryCodes(enrolling)).toHaveLength(10);
  await enrolling.getByLabel("I have saved these recovery codes", { exact: true }).check();
  await enrolling.getByRole("button", { name: "Done", exact: true }).click();
  await expect(enrolling).toHaveURL(dashboardUrl("customer"));
  await second.close();
});

test("the command-line reset removes passkeys", async ({ browser }) => {
  const { account, credential } = await customerWithPasskey(browser);
  const reset = await runAppmail(["user:reset-2fa", "--email", account.email]);
  expect(reset.exitCode).toBe(0);
  expect(passkeysOf(storedUserId(account))).toHaveLength(0);
  const { context, page } = await newPage(browser);
  await authenticatorWith(page, credential);
  await signInWithPasskey(page);
  await expect(page.getByRole("alert").filter({ hasText: "could not be used" })).toBeVisible();
  await context.close();
});

test("Allow passkeys off: neither offered nor accepted, and kept", async ({
  browser,
  adminPage,
  baseURL,
}) => {
  const { account, credential } = await customerWithPasskey(browser);
  // An assertion made while passkeys are allowed, posted after they are turned off.
  const { context, page } = await newPage(browser);
  await authenticatorWith(page, credential);
  await page.route("**/api/auth/callback/passkey", (route) => route.abort());
  const posted = page.waitForRequest("**/api/auth/callback/passkey");
  await signInWithPasskey(page);
  const form = (await posted).postData()!;

  await applySettings(adminPage, { passkeys: false });
  await page.unroute("**/api/auth/callback/passkey");
  // With the CSRF token the cookie holds now: the autofill prompt and the button may each have
  // fetched one on this fresh browser, and the page retries with a fresh one as this does.
  const postLate = async () => {
    const { csrfToken } = await (await page.request.get(`${baseURL}/api/auth/csrf`)).json();
    const fields = new URLSearchParams(form);
    fields.set("csrfToken", csrfToken);
    return page.request.post(`${baseURL}/api/auth/callback/passkey`, {
      headers: { "content-type": "application/x-www-form-urlencoded", origin: baseURL! },
      data: fields.toString(),
    });
  };
  const late = await postLate();
  expect(late.status()).toBe(401);
  expect((await late.json()).url).toContain("error=CredentialsSignin");
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toHaveCount(0);
  await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute(
    "autocomplete",
    "username",
  );
  const options = await postPasskeyRoute(page, baseURL!, "/api/passkeys/sign-in-options", {});
  expect(options.status()).toBe(404);
  await signInAs(page, account, "/customer");
  await page.goto(accountPage("customer"));
  await expect(passkeySection(page)).toContainText("Passkeys are turned off");
  await expect(page.getByRole("button", { name: "Add a passkey" })).toHaveCount(0);
  expect(passkeysOf(storedUserId(account))).toHaveLength(1);

  // Kept, and so was the refused answer's challenge: allowed again, the same answer signs in.
  await applySettings(adminPage, { passkeys: true });
  const again = await postLate();
  expect(again.status()).toBe(200);
  expect((await again.json()).url).not.toMatch(/error=|csrf=/);
  await context.close();
});

test("bad input to the passkey endpoints gets a 4xx and changes nothing", async ({
  page,
  baseURL,
}) => {
  const account = await createAccount("customer", "passkey-bad");
  await signInAs(page, account, "/customer");
  const before = auditEventsAbout(storedUserId(account), "passkey_added").length;
  const cases: [string, unknown, string | undefined, number][] = [
    ["/api/passkeys/registration", "{not json", undefined, 400],
    ["/api/passkeys/registration", { response: { id: 1 } }, undefined, 400],
    ["/api/passkeys/registration", { response: "x".repeat(70_000) }, undefined, 400],
    ["/api/passkeys/registration", {}, "http://evil.example", 403],
    ["/api/passkeys/sign-in-options", "[]", undefined, 400],
    ["/api/passkeys/second-step", {}, undefined, 403],
    ["/api/passkeys/second-step/options", {}, undefined, 403],
    // No passkey yet: the password alone adds the first, so no confirmation is offered.
    ["/api/passkeys/confirmation-options", {}, undefined, 404],
  ];
  for (const [path, body, origin, status] of cases) {
    const response = await postPasskeyRoute(page, baseURL!, path, body, origin);
    expect(`${path} ${response.status()}`).toBe(`${path} ${status}`);
  }
  const csrf = await (await page.request.get(`${baseURL}/api/auth/csrf`)).json();
  const forged = await page.request.post(`${baseURL}/api/auth/callback/passkey`, {
    form: { csrfToken: csrf.csrfToken, response: '{"id":"AAAA"', json: "true" },
  });
  expect(forged.status()).toBe(401);
  expect(passkeysOf(storedUserId(account))).toHaveLength(0);
  expect(auditEventsAbout(storedUserId(account), "passkey_added")).toHaveLength(before);
});
