/**
 * Next.js's own limit on a server action's body (the default `serverActions.bodySizeLimit`,
 * "1 MB"). The app's forms and next-auth's posts are a few kilobytes, so it bounds every request
 * body the app accepts.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The most parts a multipart form may have. The app's largest form has a handful of fields plus
 * React's argument field; each part costs Next.js a parse, so a body of thousands of tiny parts
 * is refused before it is parsed.
 */
export const MAX_FORM_PARTS = 64;

/**
 * How long a request may take to arrive, headers and body (docs/rules.md, rule 28). The app's
 * forms are a few kilobytes: a client that sends slower than that holds a connection and up to
 * `MAX_BODY_BYTES` of memory for nothing, so it is answered 408 and cut off. Node's own default is
 * five minutes.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * How often Node looks for requests over their time. Its default, 30 s, would let a slow request
 * live up to twice `REQUEST_TIMEOUT_MS`; a check a second costs a walk of the open connections.
 */
export const REQUEST_TIMEOUT_CHECK_MS = 1_000;
