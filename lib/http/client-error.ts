// What server.ts answers when Node's HTTP parser refuses a request before Next.js sees it (headers
// over Node's 16 KB limit, a malformed request line). Node's own answer writes the status and
// destroys the socket at once; when the client is still sending (a long request line followed by
// a body), the data that arrives after the close makes the kernel reset the connection, and the
// client loses the answer with it. Here the answer is followed by a lingering close: the server
// half-closes, reads and drops what the client still sends, and closes once the client has, or
// after LINGER_MS. Node's own answer also has no Content-Length, so its end is the close itself,
// and a reset in place of the close loses it even when it has arrived.
import type { Duplex } from "node:stream";

const LINGER_MS = 5_000;

/** Status lines by Node's error code; the reason phrase is the message. */
const STATUS_OF_ERROR: Record<string, string> = {
  HPE_HEADER_OVERFLOW: "431 Request Header Fields Too Large",
  HPE_CHUNK_EXTENSIONS_OVERFLOW: "413 Payload Too Large",
  ERR_HTTP_REQUEST_TIMEOUT: "408 Request Timeout",
};

const answered = new WeakSet<Duplex>();

/** The `clientError` listener of server.ts's HTTP server. */
export function answerClientError(error: Error & { code?: string }, socket: Duplex) {
  // Node calls this again for every chunk the refused connection still sends.
  if (answered.has(socket)) return;
  answered.add(socket);
  // As Node does: no answer on a dead socket, nor in the middle of an answer already begun.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const status = STATUS_OF_ERROR[error.code ?? ""] ?? "400 Bad Request";
  // An empty body of declared length: the client knows where the answer ends without waiting for
  // the close, and the answer suits any method, HEAD included (the request line may not have
  // been read, so the method is unknown).
  socket.end(
    `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\nCache-Control: no-store\r\n\r\n`,
  );
  socket.on("error", () => socket.destroy());
  socket.on("end", () => socket.destroy());
  socket.resume();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
