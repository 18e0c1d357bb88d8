// docs/rules.md, "Languages", on SQLite and PostgreSQL: every e-mail is written in its recipient's
// language when it is queued (the account's own choice, else the instance default, never the
// browser's), the outbox keeps those words, so a retry a day later after the account changed its
// language sends the same ones, and English is exactly what it always was. The changes are made
// through the app's own functions; the mail is received by an SMTP server in this process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";
import {
  freePort,
  startSmtpSink,
  type ReceivedMail,
  type SmtpSink,
} from "@/test/support/smtp-sink";

process.env.NEXTAUTH_URL = "http://localhost:3000";
const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { saveSettings } = await import("@/lib/settings/settings");
const { deliverDueMessages } = await import("@/lib/email/sender");
const { composeSecurityNotice } = await import("@/lib/email/notices");
const { sendTestEmail } = await import("@/lib/email/test-email");
const { signInWithPassword } = await import("@/lib/sign-in/password-step");
const { verifySecondStep } = await import("@/lib/sign-in/second-step");
const { disableTwoFactor } = await import("@/lib/two-factor/disable");
const { totpCodeAt } = await import("@/lib/two-factor/totp");
const { changePassword } = await import("@/lib/users/users");
const { requestPasswordReset } = await import("@/lib/password-reset/request-reset");
const { PASSWORD, addMs, createAccount, enrol } = await import("../support/db-accounts");
const { pointSmtpAt } = await import("../support/db-email-settings");

const T = new Date("2030-03-05T09:15:00Z");
const MINUTE = 60_000;
const NEW_PASSWORD = "a brand new password 42";
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const BROWSER = { clientAddress: "198.51.100.23", userAgent: FIREFOX };
/** How English names db-accounts.ts's CONTEXT, the user agent "vitest/agent". */
const ENGLISH_BROWSER = "Unknown browser on an unknown system";

/** What each language's messages say, for the facts this file's changes produce. */
const WORDS = {
  de: {
    prefix: "Acme Mail: ",
    subjects: [
      "Die Zwei-Faktor-Authentifizierung wurde aktiviert",
      "Zur Anmeldung wurde ein Wiederherstellungscode verwendet",
      "Neue Anmeldung bei Ihrem AppMail-Konto",
      "Die Zwei-Faktor-Authentifizierung wurde deaktiviert",
      "Ihr Passwort wurde geändert",
      "Passwort zurücksetzen",
    ],
    greeting: "Hallo Test User,",
    enabled: "Die Zwei-Faktor-Authentifizierung wurde für Ihr Konto aktiviert.",
    when: "Zeitpunkt: Dienstag, 5. März 2030 um 09:15 UTC",
    from: "Herkunft: Firefox unter Linux, Adresse 198.51.100.23",
    left: "9 Wiederherstellungscodes sind noch übrig.",
    notMe: "Das war ich nicht: http://localhost:3000/login/not-me/",
    notMeLink: ">Das war ich nicht</a>",
    reset: "öffnen Sie diesen Link innerhalb von 30 Minuten",
    ifNotYou: "Falls Sie das nicht waren, kann sich möglicherweise jemand anderes",
  },
  fr: {
    prefix: "Acme Mail\u00a0: ",
    subjects: [
      "L’authentification à deux facteurs a été activée",
      "Un code de récupération a été utilisé pour se connecter",
      "Nouvelle connexion à votre compte AppMail",
      "L’authentification à deux facteurs a été désactivée",
      "Votre mot de passe a été modifié",
      "Réinitialisez votre mot de passe",
    ],
    greeting: "Bonjour Test User,",
    enabled: "L’authentification à deux facteurs a été activée pour votre compte.",
    when: "Date\u00a0: mardi 5 mars 2030 à 09:15 UTC",
    from: "Origine\u00a0: Firefox sur Linux, adresse 198.51.100.23",
    left: "Il reste 9 codes de récupération.",
    notMe: "Ce n’était pas moi\u00a0: http://localhost:3000/login/not-me/",
    notMeLink: ">Ce n’était pas moi</a>",
    reset: "ouvrez ce lien dans les 30 minutes",
    ifNotYou: "Si ce n’était pas vous, quelqu’un d’autre peut peut-être se connecter",
  },
  es: {
    prefix: "Acme Mail: ",
    subjects: [
      "Se activó la autenticación de dos factores",
      "Se usó un código de recuperación para iniciar sesión",
      "Nuevo inicio de sesión en tu cuenta de AppMail",
      "Se desactivó la autenticación de dos factores",
      "Se cambió tu contraseña",
      "Restablece tu contraseña",
    ],
    greeting: "Hola, Test User:",
    enabled: "Se activó la autenticación de dos factores en tu cuenta.",
    when: "Cuándo: martes, 5 de marzo de 2030, 9:15 UTC",
    from: "Desde: Firefox en Linux, dirección 198.51.100.23",
    left: "Quedan 9 códigos de recuperación.",
    notMe: "No fui yo: http://localhost:3000/login/not-me/",
    notMeLink: ">No fui yo</a>",
    reset: "abre este enlace en un plazo de 30 minutos",
    ifNotYou: "Si no fuiste tú, es posible que otra persona pueda iniciar sesión",
  },
};

/** Sentences of the English messages that must not show up in another language's. */
const ENGLISH = ["Hello ", "When: ", "If this was not you", "recovery code", "This wasn't me"];

let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  await saveSettings({ twoFactorEnabled: true, companyName: "Acme Mail", defaultLanguage: "es" });
  await pointSmtpAt(sink.port, { fromAddress: "security@acme.example" });
});

afterAll(async () => {
  await sink.stop();
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

/** An account whose "Language" is `language` (null: it chose none). */
async function speaker(language: string | null) {
  const account = await createAccount();
  await db.user.update({ where: { id: account.id }, data: { language } });
  return account;
}

const deliverAt = (at: Date) => deliverDueMessages({ now: () => at });
const mailTo = (email: string) => sink.received.filter((mail) => mail.to.includes(email));

/**
 * The changes of one account, each queuing its message: 2FA on, a sign-in from a new browser with a
 * recovery code (the new-browser notice and the recovery-code notice), 2FA off, a password change
 * and a reset link asked for from that browser.
 */
async function changesOf(account: { id: string; email: string }) {
  const { secret, recoveryCodes } = await enrol(account, T);
  const signIn = await signInWithPassword(
    { email: account.email, password: PASSWORD },
    BROWSER,
    addMs(T, MINUTE),
  );
  if (!signIn.ok) throw new Error(signIn.reason);
  const step = { recoveryCode: recoveryCodes[0] };
  const used = await verifySecondStep(signIn.signInId, account, step, addMs(T, MINUTE), BROWSER);
  expect(used).toMatchObject({ ok: true, recoveryCodesLeft: 9 });
  const code = await totpCodeAt(secret, addMs(T, 2 * MINUTE));
  const off = { password: PASSWORD, code };
  expect(await disableTwoFactor(account, off, addMs(T, 2 * MINUTE), BROWSER)).toEqual({ ok: true });
  const change = { currentPassword: PASSWORD, newPassword: NEW_PASSWORD };
  const changed = await changePassword(
    account.id,
    signIn.signInId,
    change,
    BROWSER,
    addMs(T, 3 * MINUTE),
  );
  expect(changed).toEqual({ ok: true });
  const asked = await requestPasswordReset(account.email, BROWSER, addMs(T, 4 * MINUTE));
  if (!asked.ok) throw new Error(asked.failure.code);
  await asked.recorded;
}

function expectLanguage(mail: ReceivedMail[], words: (typeof WORDS)["de"]) {
  expect(mail.map((m) => m.subject).sort()).toEqual(
    words.subjects.map((subject) => `${words.prefix}${subject}`).sort(),
  );
  const bySubject = (index: number) =>
    mail.find((m) => m.subject.endsWith(words.subjects[index]!))!;
  for (const message of mail) {
    expect(message.text.startsWith(`${words.greeting}\n`), message.subject).toBe(true);
    expect(message.text.trimEnd().endsWith("— Acme Mail"), message.subject).toBe(true);
    for (const english of ENGLISH) expect(message.text, message.subject).not.toContain(english);
    for (const english of ENGLISH) expect(message.html, message.subject).not.toContain(english);
  }
  const enabled = bySubject(0);
  expect(enabled.text).toContain(words.enabled);
  expect(enabled.text).toContain(words.when);
  expect(enabled.text).toContain(words.ifNotYou);
  expect(enabled.html).toContain(words.ifNotYou);
  expect(bySubject(1).text).toContain(words.left);
  expect(bySubject(1).text).toContain(words.from);
  expect(bySubject(2).text).toContain(words.notMe);
  expect(bySubject(2).html).toContain(words.notMeLink);
  expect(bySubject(3).text).toContain(words.from);
  expect(bySubject(5).text).toContain(words.reset);
  expect(bySubject(5).text).toMatch(/\/login\/reset\/[A-Za-z0-9_-]+/);
}

describe("e-mails in the recipient's language", () => {
  it("each account's notices, new-browser notice and reset link arrive in its language, else the instance default", async () => {
    const accounts = {
      de: await speaker("de"),
      fr: await speaker("fr"),
      es: await speaker("es"),
      none: await speaker(null),
    };
    for (const account of Object.values(accounts)) await changesOf(account);

    expect(await deliverAt(addMs(T, 10 * MINUTE))).toEqual({ sent: 24, retried: 0, failed: 0 });
    await sink.waitFor(24);
    expectLanguage(mailTo(accounts.de.email), WORDS.de);
    expectLanguage(mailTo(accounts.fr.email), WORDS.fr);
    expectLanguage(mailTo(accounts.es.email), WORDS.es);
    // No language of its own: the instance's default, Spanish.
    expectLanguage(mailTo(accounts.none.email), WORDS.es);
  });

  it("a queued message keeps its words when the account changes its language before a retry a day later", async () => {
    const account = await speaker("de");
    await pointSmtpAt(await freePort());
    const signIn = await signInWithPassword(
      { email: account.email, password: PASSWORD },
      BROWSER,
      T,
    );
    if (!signIn.ok) throw new Error(signIn.reason);
    const change = { currentPassword: PASSWORD, newPassword: NEW_PASSWORD };
    expect(await changePassword(account.id, signIn.signInId, change, BROWSER, T)).toEqual({
      ok: true,
    });
    expect(await deliverAt(addMs(T, MINUTE))).toEqual({ sent: 0, retried: 2, failed: 0 });

    await db.user.update({ where: { id: account.id }, data: { language: "fr" } });
    await pointSmtpAt(sink.port, { fromAddress: "security@acme.example" });
    expect(await deliverAt(addMs(T, 23 * 60 * MINUTE))).toEqual({ sent: 2, retried: 0, failed: 0 });
    const mail = await Promise.all([
      sink.find((m) => m.to.includes(account.email) && m.subject.includes("Passwort")),
      sink.find((m) => m.to.includes(account.email) && m.subject.includes("Anmeldung")),
    ]);
    expect(mail.map((m) => m.subject)).toEqual([
      "Acme Mail: Ihr Passwort wurde geändert",
      "Acme Mail: Neue Anmeldung bei Ihrem AppMail-Konto",
    ]);
    expect(mail[0]!.text).toContain("Das Passwort Ihres Kontos wurde geändert");
    expect(mail[1]!.text).toContain(WORDS.de.notMe);
    expect(mailTo(account.email)).toHaveLength(2);
  });

  it("says how many recovery codes remain with each language's plural", () => {
    const notice = (locale: "en" | "de" | "fr" | "es", remaining: number) =>
      composeSecurityNotice(
        {
          user: { id: "x", email: "ann@example.com", name: "Ann" },
          kind: "recovery_code_used",
          context: BROWSER,
          now: T,
          remainingRecoveryCodes: remaining,
        },
        "Acme Mail",
        locale,
      ).text;
    const cases = [
      ["en", 1, "1 recovery code remains."],
      ["en", 3, "3 recovery codes remain."],
      ["en", 0, "0 recovery codes remain."],
      ["de", 1, "1 Wiederherstellungscode ist noch übrig."],
      ["de", 3, "3 Wiederherstellungscodes sind noch übrig."],
      ["fr", 1, "Il reste 1 code de récupération."],
      ["fr", 0, "Il reste 0 code de récupération."],
      ["fr", 3, "Il reste 3 codes de récupération."],
      ["es", 1, "Queda 1 código de recuperación."],
      ["es", 3, "Quedan 3 códigos de recuperación."],
    ] as const;
    for (const [locale, remaining, sentence] of cases) {
      expect(notice(locale, remaining), `${locale} ${remaining}`).toContain(sentence);
    }
  });

  it("the test e-mail is in the language of the account at that address, else the default", async () => {
    const german = await speaker("de");
    expect(await sendTestEmail(german.email, "Acme Mail")).toEqual({ ok: true });
    const toGerman = await sink.find((m) => m.to.includes(german.email));
    expect(toGerman.subject).toBe("Acme Mail: Test-E-Mail");
    expect(toGerman.text).toBe(
      "Dies ist eine Testnachricht von Acme Mail. Die E-Mail-Zustellung funktioniert.\n",
    );
    expect(await sendTestEmail("nobody@example.com", "Acme Mail")).toEqual({ ok: true });
    const toNobody = await sink.find((m) => m.to.includes("nobody@example.com"));
    expect(toNobody.subject).toBe("Acme Mail: correo electrónico de prueba");
  });

  it("English is exactly what it always was, for an account that chose English", async () => {
    const english = await speaker("en");
    await enrol(english, T);
    const row = await db.outboxMessage.findFirstOrThrow({ where: { recipient: english.email } });
    expect(row.subject).toBe("Acme Mail: Two-factor authentication was turned on");
    expect(row.textBody).toBe(
      [
        "Hello Test User,",
        "",
        "Two-factor authentication was turned on for your account.",
        "",
        "When: Tuesday, 5 March 2030 at 09:15 UTC",
        `From: ${ENGLISH_BROWSER}, address 203.0.113.7`,
        `Account: ${english.email}`,
        "",
        "If this was not you, someone else may be able to sign in to your account. Change your password from your account page at once; if you cannot sign in, ask an administrator to reset your account.",
        "",
        "— Acme Mail",
        "",
      ].join("\n"),
    );
    expect(row.htmlBody).toBe(
      [
        "<!doctype html>",
        '<html><body style="font-family: sans-serif; line-height: 1.5">',
        "<p>Hello Test User,</p>",
        "<p>Two-factor authentication was turned on for your account.</p>",
        "<ul>",
        "<li>When: Tuesday, 5 March 2030 at 09:15 UTC</li>",
        `<li>From: ${ENGLISH_BROWSER}, address 203.0.113.7</li>`,
        `<li>Account: ${english.email}</li>`,
        "</ul>",
        "<p><strong>If this was not you, someone else may be able to sign in to your account. Change your password from your account page at once; if you cannot sign in, ask an administrator to reset your account.</strong></p>",
        "<p>— Acme Mail</p>",
        "</body></html>",
      ].join("\n"),
    );

    expect(await sendTestEmail(english.email, "Acme Mail")).toEqual({ ok: true });
    const test = await sink.find((m) => m.to.includes(english.email));
    expect(test.subject).toBe("Acme Mail: test e-mail");
    expect(test.text).toBe("This is a test message from Acme Mail. E-mail delivery works.\n");
  });
});
