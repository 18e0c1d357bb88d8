// docs/rules.md, rule 19, with real sender processes (scripts/email-sender.ts) on one database:
// an SMTP server that is down loses nothing; two senders at once send each message once; a sender
// killed mid-delivery loses nothing and sends at most the message in flight twice.
import { afterAll, describe, expect, it } from "vitest";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";
import { sayStoredFailure } from "@/words/say-failure";
import { spawnSender, stopSender, until, type SenderProcess } from "@/test/support/email-senders";
import { freePort, startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { deliverDueMessages, LEASE_MS } = await import("@/lib/email/sender");
const { queueSecurityNotice } = await import("@/lib/email/notices");
const { pointSmtpAt } = await import("../support/db-email-settings");

const CONTEXT = { clientAddress: "198.51.100.7", userAgent: "Mozilla/5.0 Firefox/133.0" };
const senders: SenderProcess[] = [];
const sinks: SmtpSink[] = [];

/** One notice per address, each in a transaction of its own, as the changes queue them. */
async function queueNotices(domain: string, count: number, now: Date) {
  const addresses = Array.from({ length: count }, (_, i) => `user${i}@${domain}`);
  for (const [i, email] of addresses.entries()) {
    const user = { id: `${domain}-${i}`, email, name: `User ${i}` };
    await db.$transaction((tx) =>
      queueSecurityNotice(tx, { user, kind: "password_changed", context: CONTEXT, now }),
    );
  }
  return addresses;
}

const rowsFor = (domain: string) =>
  db.outboxMessage.findMany({ where: { recipient: { endsWith: `@${domain}` } } });
const sentCount = async (domain: string) =>
  (await rowsFor(domain)).filter((row) => row.status === "SENT").length;

function arrivals(sink: SmtpSink, domain: string) {
  const counts = new Map<string, number>();
  for (const mail of sink.received) {
    for (const to of mail.to.filter((address) => address.endsWith(`@${domain}`))) {
      counts.set(to, (counts.get(to) ?? 0) + 1);
    }
  }
  return counts;
}

afterAll(async () => {
  await Promise.all(senders.map(stopSender));
  await Promise.all(sinks.map((sink) => sink.stop()));
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

describe("outbox reliability", () => {
  it("100 notices queued while the SMTP server is down arrive once each when it is back, with two sender processes", async () => {
    const port = await freePort();
    await pointSmtpAt(port);
    // Queued two minutes ago; a first attempt then found the server down.
    const earlier = new Date(Date.now() - 2 * 60_000);
    const addresses = await queueNotices("down.example", 100, earlier);
    expect(await deliverDueMessages({ now: () => earlier })).toEqual({
      sent: 0,
      retried: 100,
      failed: 0,
    });
    const waiting = await rowsFor("down.example");
    expect(waiting.every((row) => row.status === "QUEUED" && row.attempts === 1)).toBe(true);
    expect(sayStoredFailure(waiting[0]!.lastError ?? "")).toMatch(/refused the connection\.$/);

    const sink = await startSmtpSink({ port });
    sinks.push(sink);
    const started = Date.now();
    const pair = [spawnSender(), spawnSender()];
    senders.push(...pair);
    await until(async () => (await sentCount("down.example")) === 100, 60_000, "100 sent");
    const elapsedMs = Date.now() - started;
    await Promise.all(pair.map(stopSender));

    const counts = arrivals(sink, "down.example");
    expect(counts.size).toBe(100);
    expect([...counts.keys()].sort()).toEqual([...addresses].sort());
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    const rows = await rowsFor("down.example");
    expect(rows.every((row) => row.status === "SENT" && row.attempts === 2)).toBe(true);
    const sentBy = pair.map((sender) => Number(/(\d+) sent/.exec(sender.output())?.[1]));
    expect(sentBy[0]! + sentBy[1]!).toBe(100);
    console.info(`100 notices delivered in ${elapsedMs} ms by two senders: ${sentBy.join(" + ")}`);
  });

  it("a sender killed mid-delivery loses nothing; only the message in flight may go out twice", async () => {
    let holdFirst = true;
    let inFlight!: () => void;
    const firstInFlight = new Promise<void>((resolve) => (inFlight = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const sink = await startSmtpSink({
      beforeAnswer: () => {
        if (!holdFirst) return;
        holdFirst = false;
        inFlight();
        return released;
      },
    });
    sinks.push(sink);
    await pointSmtpAt(sink.port);
    await queueNotices("kill.example", 5, new Date());

    const doomed = spawnSender();
    senders.push(doomed);
    await firstInFlight; // the server has the whole message and has not answered yet
    doomed.child.kill("SIGKILL");
    await doomed.exited;
    release();
    const heldAddress = sink.received.at(-1)!.to[0]!;
    const held = (await rowsFor("kill.example")).find((row) => row.recipient === heldAddress)!;
    expect(held).toMatchObject({ status: "QUEUED", attempts: 1 });
    expect(held.leaseUntil!.getTime()).toBeGreaterThan(Date.now());

    // A new sender delivers the rest; the claimed message waits for its lease to run out.
    const restarted = spawnSender();
    senders.push(restarted);
    await until(async () => (await sentCount("kill.example")) === 4, 60_000, "4 sent");
    await stopSender(restarted);
    expect(arrivals(sink, "kill.example").get(heldAddress)).toBe(1);

    // The lease expires; the next pass sends the message in flight again.
    const afterLease = new Date(held.leaseUntil!.getTime() + 1000);
    expect(await deliverDueMessages({ now: () => afterLease })).toEqual({
      sent: 1,
      retried: 0,
      failed: 0,
    });
    const counts = arrivals(sink, "kill.example");
    expect(counts.size).toBe(5);
    expect([...counts.entries()].filter(([, count]) => count !== 1)).toEqual([[heldAddress, 2]]);
    expect(await sentCount("kill.example")).toBe(5);
    expect(LEASE_MS).toBeGreaterThan(60_000);
  });
});
