import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { admin } from "../support/browser-accounts";
import { databasePath } from "../support/browser-database";
import { signInAs } from "../support/sign-in";

/** The end mark of every sign-in of `email`, newest last. */
function signInEndMarks(email: string): (number | string | null)[] {
  const db = new Database(databasePath(), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `SELECT s."endedAt" AS endedAt FROM "SignIn" s JOIN "User" u ON u.id = s."userId"
         WHERE u.email = ? ORDER BY s.rowid`,
      )
      .all(email.toLowerCase()) as { endedAt: number | string | null }[];
    return rows.map((row) => row.endedAt);
  } finally {
    db.close();
  }
}

test("next-auth's own POST /api/auth/signout ends the sign-in, so a copied cookie no longer opens the account", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, admin, "/backend");
  const copied = (await context.cookies()).filter((cookie) => /session-token/.test(cookie.name));
  expect(copied.length).toBeGreaterThan(0);
  const liveBefore = signInEndMarks(admin.email).filter((endedAt) => endedAt === null).length;

  // As next-auth's client `signOut()` does: the CSRF token from /api/auth/csrf, then a form post.
  const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const response = await context.request.post("/api/auth/signout", {
    form: { csrfToken, callbackUrl: `${baseURL}/login`, json: "true" },
  });
  expect(response.status()).toBe(200);
  await context.close();

  // Someone who copied the cookie before the sign-out tries it in another browser.
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/backend");
  await expect(thiefPage).toHaveURL(/\/login(\?.*)?$/);
  await thief.close();

  // The sign-in itself has ended, not only this browser's cookie.
  expect(signInEndMarks(admin.email).filter((endedAt) => endedAt === null)).toHaveLength(
    liveBefore - 1,
  );
});
