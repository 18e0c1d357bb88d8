// The bench's client against a server whose event loop stalls past its keep-alive timeout while
// the client reuses the socket: the server then runs the timeout before it reads the request and
// resets the connection (`read ECONNRESET`), as the overloaded soak server did. The server runs in
// a process of its own, so its stall leaves the test's loop free.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterEach, expect, test } from "vitest";
import { Client } from "./http-client";

/**
 * A server on 127.0.0.1 that answers its connection count, then stalls for 4 s after its first
 * answer. It announces a keep-alive timeout of 2 s: Node's agent reuses a socket for 1 s of that,
 * and Node's server closes an idle one about 1 s after it (measured with Node 20: a stall of
 * 2.5 s left the socket open, one of 3 s reset it).
 */
async function stallingServer() {
  const server = spawn(
    process.execPath,
    [
      "-e",
      `const http = require("node:http");
     let answers = 0;
     const server = http.createServer((request, response) => {
       response.end(String(server.connectionsSeen));
       // In the check phase, so the next turn runs the expired keep-alive timer before reading.
       // Blocked without spending CPU: the suite's other files run beside this one.
       if (answers++ === 0) setTimeout(() => setImmediate(() => {
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 4000);
       }), 20);
     });
     server.connectionsSeen = 0;
     server.on("connection", () => server.connectionsSeen++);
     server.keepAliveTimeout = 2000;
     server.listen(0, "127.0.0.1", () => process.send(server.address().port));`,
    ],
    { stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  servers.push(server);
  const [port] = (await once(server, "message")) as [number];
  return new Client(`http://127.0.0.1:${port}`);
}

const servers: ChildProcess[] = [];
afterEach(() => {
  Client.freshConnectionForPosts = false;
  for (const server of servers.splice(0)) server.kill();
});

/** The first request, then a second on the kept-alive socket while the server is stalled. */
async function twice(client: Client, method: string) {
  await client.request(method, "/");
  await new Promise((resolve) => setTimeout(resolve, 500));
  return client.request(method, "/");
}

test("a POST on a kept-alive socket the stalled server closes fails, and is not sent again", async () => {
  const client = await stallingServer();
  const resent = Client.resent;
  await expect(twice(client, "POST")).rejects.toThrow("ECONNRESET");
  expect(Client.resent).toBe(resent);
});

test("a GET on such a socket is sent again, once, on a new connection", async () => {
  const client = await stallingServer();
  const resent = Client.resent;
  const second = await twice(client, "GET");
  expect(second.status).toBe(200);
  expect(second.text()).toBe("2");
  expect(Client.resent).toBe(resent + 1);
});

test("with freshConnectionForPosts every POST has a connection of its own, and none is reset", async () => {
  Client.freshConnectionForPosts = true;
  const client = await stallingServer();
  const resent = Client.resent;
  const second = await twice(client, "POST");
  expect(second.status).toBe(200);
  expect(second.text()).toBe("2");
  expect(Client.resent).toBe(resent);
});
