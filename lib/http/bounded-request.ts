import { IncomingMessage } from "node:http";

export type BodyVerdict = "within limit" | "too large" | "aborted";

/**
 * An incoming request that can hold back a body of no declared length (`Transfer-Encoding:
 * chunked`) until it has all arrived. Node's HTTP parser hands every body chunk to `push`, so
 * counting there bounds the body without a second copy of the stream: at most the limit is ever
 * kept. Given to `http.createServer` as its `IncomingMessage` class.
 */
export class BoundedRequest extends IncomingMessage {
  #held: Buffer[] | null = null;
  #heldBytes = 0;
  #limit = Infinity;
  #settle: ((verdict: BodyVerdict) => void) | null = null;

  /**
   * Holds the body until its end. "within limit": the body is then passed on unchanged and the
   * request reads as if nothing had happened. "too large": decided as soon as the body passes
   * `limit` bytes; the rest is dropped as it arrives.
   */
  holdBody(limit: number): Promise<BodyVerdict> {
    this.#held = [];
    this.#limit = limit;
    return new Promise((resolve) => {
      this.#settle = (verdict) => {
        this.#settle = null;
        resolve(verdict);
      };
      this.once("close", () => this.#settle?.("aborted"));
    });
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (this.#held === null) return super.push(chunk, encoding);
    if (chunk === null) {
      const held = this.#held;
      this.#held = null;
      if (this.#settle) {
        for (const part of held) super.push(part);
        this.#settle("within limit");
      }
      return super.push(null);
    }
    if (!this.#settle) return true;
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), encoding);
    this.#heldBytes += bytes.length;
    if (this.#heldBytes > this.#limit) {
      this.#held = [];
      this.#settle("too large");
      return true;
    }
    this.#held.push(bytes);
    return true;
  }
}
