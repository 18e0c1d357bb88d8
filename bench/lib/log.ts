/** A progress line on stderr, so that stdout holds only the results. */
export function log(message: string) {
  process.stderr.write(`bench: ${message}\n`);
}
