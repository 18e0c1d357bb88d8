// docs/rules.md, rule 24 on SQLite and PostgreSQL: the saved SMTP password follows the server it
// was typed for. Pointing the settings at another host, port, connection security or username
// without typing a password again clears it (and the audit log says so), so neither the sender
// nor "Send test e-mail" ever hands it, or a login at all, to a server it was not typed for.
import { afterAll, describe, expect, it } from "vitest";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { EmailSettingsSavedMeanwhile, saveEmailSettings } =
  await import("@/lib/email/save-settings");
const { getEmailSettings, loadSmtpSettings } = await import("@/lib/email/email-settings");
const { deliverDueMessages } = await import("@/lib/email/sender");
const { queueEmail } = await import("@/lib/email/outbox");
const { sendTestEmail } = await import("@/lib/email/test-email");

const CONTEXT = { clientAddress: "198.51.100.9", userAgent: null };
const ADMIN = { id: "admin", email: "admin@example.com" };
const T = new Date("2030-06-01T08:00:00Z");
const PASSWORD = `smtp-${crypto.randomUUID()}`;
const sinks: SmtpSink[] = [];

afterAll(async () => {
  await Promise.all(sinks.map((sink) => sink.stop()));
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

type Settings = Parameters<typeof saveEmailSettings>[0];
const SAVED: Settings = {
  smtpHost: "mail.example.com",
  smtpPort: 587,
  smtpSecurity: "STARTTLS",
  smtpUsername: "mailer",
  smtpPassword: undefined,
  removePassword: false,
  fromAddress: "noreply@example.com",
};

/** Saves the form with `settings` changed; returns what the save's audit event says, if any. */
async function save(settings: Partial<Settings>): Promise<Record<string, unknown> | null> {
  const where = { type: "settings_changed" };
  const before = await db.auditEvent.findMany({ where, select: { id: true } });
  await saveEmailSettings({ ...SAVED, ...settings }, ADMIN, CONTEXT);
  const made = await db.auditEvent.findMany({
    where: { ...where, id: { notIn: before.map((event) => event.id) } },
  });
  expect(made.length).toBeLessThanOrEqual(1);
  return made[0] ? (JSON.parse(made[0].details ?? "{}") as Record<string, unknown>) : null;
}
const storedPassword = async () =>
  (await db.emailSettings.findUniqueOrThrow({ where: { id: 1 } })).smtpPassword;

async function sink(options: Parameters<typeof startSmtpSink>[0] = {}) {
  const started = await startSmtpSink(options);
  sinks.push(started);
  return started;
}

describe("the SMTP password follows the server", () => {
  it.each([
    ["host", { smtpHost: "collector.example.net" }],
    ["port", { smtpPort: 2525 }],
    ["connection security", { smtpSecurity: "NONE" as const }],
    ["username", { smtpUsername: "someone-else" }],
  ])(
    "a new %s saved without a password leaves no stored password, and the audit log says it was cleared",
    async (_field, change) => {
      await save({ smtpPassword: PASSWORD });
      expect(await storedPassword()).not.toBeNull();

      const details = await save(change);
      expect(await storedPassword()).toBeNull();
      expect(await getEmailSettings()).toMatchObject({ ...change, hasPassword: false });
      expect(details?.smtpPassword).toBe("cleared: the server or username changed");
      expect(JSON.stringify(details)).not.toContain(PASSWORD);

      // Back to the first server: the password is not restored by itself.
      await save({});
      expect(await storedPassword()).toBeNull();
    },
  );

  it("a new server saved with the password typed keeps it; a new from address alone keeps it", async () => {
    await save({ smtpPassword: PASSWORD });
    const typed = await save({ smtpHost: "smtp.example.org", smtpPassword: "typed again" });
    expect(await getEmailSettings()).toMatchObject({
      smtpHost: "smtp.example.org",
      hasPassword: true,
    });
    expect(typed?.smtpPassword).toBe("changed");
    const kept = await storedPassword();
    const fromOnly = await save({
      smtpHost: "smtp.example.org",
      fromAddress: "security@example.com",
    });
    expect(await storedPassword()).toBe(kept);
    expect(fromOnly).toMatchObject({ new_fromAddress: "security@example.com" });
    expect(fromOnly).not.toHaveProperty("smtpPassword");
  });

  it("saves racing each other never leave a password with a server it was not typed for", async () => {
    const typedFor = (host: string) => `password for ${host}`;
    await save({ smtpHost: "a.example.com", smtpPassword: typedFor("a.example.com") });
    for (let round = 0; round < 10; round += 1) {
      const current = (await loadSmtpSettings())!.host;
      const next = round % 2 ? "a.example.com" : "b.example.com";
      // One admin moves to another server and types its password; another, whose page still
      // shows the current server, changes only the from address.
      const form = (change: Partial<Settings>) => ({ ...SAVED, ...change });
      await Promise.all([
        saveEmailSettings(form({ smtpHost: next, smtpPassword: typedFor(next) }), ADMIN, CONTEXT),
        saveEmailSettings(
          form({ smtpHost: current, fromAddress: `round-${round}@example.com` }),
          ADMIN,
          CONTEXT,
        ),
      ]);
      const stored = (await loadSmtpSettings())!;
      if (stored.password !== null) expect(stored.password).toBe(typedFor(stored.host));
    }
  });

  it("a delivery and the test e-mail to a new port send no login: the old password never reaches it", async () => {
    const trusted = await sink({ auth: { username: "mailer", password: PASSWORD } });
    const server = {
      smtpHost: "127.0.0.1",
      smtpSecurity: "NONE" as const,
      fromAddress: "noreply@example.com",
    };
    await save({ ...server, smtpPort: trusted.port, smtpPassword: PASSWORD });
    const message = (to: string) => ({
      to,
      subject: `For ${to}`,
      text: "Hello",
      html: "<p>Hi</p>",
    });
    await queueEmail(db, message("first@example.com"), T);
    expect(await deliverDueMessages({ now: () => T })).toMatchObject({ sent: 1 });
    expect(trusted.logins).toEqual([{ username: "mailer", password: PASSWORD }]);

    // The settings now point at a server that takes any login and keeps what it is sent.
    const collector = await sink({ collectLogins: true });
    await save({ ...server, smtpPort: collector.port });
    await queueEmail(db, message("second@example.com"), T);
    expect(await deliverDueMessages({ now: () => T })).toMatchObject({ sent: 1 });
    expect((await collector.waitFor(1))[0]?.to).toEqual(["second@example.com"]);
    expect(await sendTestEmail("admin@example.com", "Acme")).toEqual({ ok: true });
    await collector.waitFor(2);
    expect(collector.logins).toEqual([]);
    expect(trusted.received.map((mail) => mail.to)).toEqual([["first@example.com"]]);
  });
});

describe("a form read before another save (docs/rules.md, rule 29)", () => {
  it("is refused and changes nothing; one read after it saves", async () => {
    await save({});
    const read = (await getEmailSettings()).savedAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await save({ fromAddress: "other-admin@example.com" });
    const row = await db.emailSettings.findUniqueOrThrow({ where: { id: 1 } });

    await expect(
      saveEmailSettings({ ...SAVED, savedAt: read, smtpHost: "stale.example.com" }, ADMIN, CONTEXT),
    ).rejects.toBeInstanceOf(EmailSettingsSavedMeanwhile);
    expect(await db.emailSettings.findUniqueOrThrow({ where: { id: 1 } })).toEqual(row);

    const fresh = (await getEmailSettings()).savedAt;
    await saveEmailSettings({ ...SAVED, savedAt: fresh, smtpPort: 2525 }, ADMIN, CONTEXT);
    expect((await getEmailSettings()).smtpPort).toBe(2525);
  });
});
