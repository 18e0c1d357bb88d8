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
