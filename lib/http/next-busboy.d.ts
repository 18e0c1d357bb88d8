// Next.js's bundled busboy (the multipart parser it reads server actions' forms with) ships no
// types: what lib/http/action-arguments.ts uses of it.
declare module "next/dist/compiled/busboy" {
  import type { Readable, Writable } from "node:stream";

  type Config = {
    headers: Record<string, string>;
    defParamCharset?: string;
    limits?: { fieldSize?: number };
  };
  interface Busboy extends Writable {
    on(event: "field", listener: (name: string, value: string) => void): this;
    on(event: "file", listener: (name: string, stream: Readable) => void): this;
    on(event: "error", listener: (error: Error) => void): this;
    on(event: "close", listener: () => void): this;
  }
  export default function busboy(config: Config): Busboy;
}
