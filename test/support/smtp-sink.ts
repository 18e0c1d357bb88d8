// An SMTP server in the test process (smtp-server) that keeps what arrives, parsed by mailparser:
// the tests' mailbox. Used by the integration tests (Vitest) and the browser specs (Playwright).
import { createServer } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Only the message-id the sender gave (nodemailer makes one per message). */
  messageId: string;
  mail: ParsedMail;
};

export type SmtpLogin = { username: string; password: string };

export type SmtpSink = {
  port: number;
  received: ReceivedMail[];
  /** Every AUTH the sink was sent, right or wrong: what a server learns of the credentials. */
  logins: SmtpLogin[];
  /** Resolves once `count` messages have arrived in all, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Resolves with the first message (arrived or arriving) that `matches`. */
  find(matches: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
};

export type SinkOptions = {
  /** Listen on this port (to start a sink again where a stopped one was). */
  port?: number;
  /** Required credentials; without them the sink takes mail from anyone. */
  auth?: { username: string; password: string };
  /**
   * Offers AUTH without requiring it and accepts any credentials, as a server set up to collect
   * them would: `logins` shows what a client sends it.
   */
  collectLogins?: boolean;
  /**
   * Called with each complete message before the server answers it: return a promise to keep the
   * sender waiting for the answer (a delivery in flight). The message counts as received.
   */
  beforeAnswer?: (mail: ReceivedMail) => Promise<void> | void;
  /** The SMTP reply code (4xx or 5xx) with which to refuse a recipient, or null to take it. */
  refuseRecipient?: (address: string) => number | null;
};

/** A port nobody listens on now (for a sink that is "down"). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function addresses(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((group) => group.value.map((entry) => entry.address ?? ""));
}

export async function startSmtpSink(options: SinkOptions = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const logins: SmtpLogin[] = [];
  const offersAuth = Boolean(options.auth || options.collectLogins);
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    logger: false,
    closeTimeout: 500,
    disabledCommands: offersAuth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username ?? "", password: auth.password ?? "" });
      const ok =
        !options.auth ||
        (auth.username === options.auth.username && auth.password === options.auth.password);
      if (ok) callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onRcptTo(address, _session, callback) {
      const code = options.refuseRecipient?.(address.address) ?? null;
      if (code === null) return callback();
      const refusal = new Error(`Mailbox ${address.address} refused`) as Error & {
        responseCode: number;
      };
      refusal.responseCode = code;
      callback(refusal);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          const entry: ReceivedMail = {
            to: addresses(mail),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            messageId: mail.messageId ?? "",
            mail,
          };
          received.push(entry);
          for (const wake of waiters) wake();
          await options.beforeAnswer?.(entry);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  function until<T>(found: () => T | undefined, timeoutMs: number, what: number | string) {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const result = found();
        if (result === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(result);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`${received.length} messages arrived, not ${what} message`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }
  return {
    port,
    received,
    logins,
    waitFor(count, timeoutMs = 30_000) {
      return until(() => (received.length >= count ? received : undefined), timeoutMs, count);
    },
    find(matches, timeoutMs = 30_000) {
      return until(() => received.find(matches), timeoutMs, "a matching");
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
