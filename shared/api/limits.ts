/**
 * Size limits every transport applies alike. The web bridge refuses a request body larger than
 * MAX_REQUEST_BYTES (413), and the request schemas refuse inline file content (base64) beyond
 * the same number, so a call that the bridge would cut off is also refused by IPC and by the
 * command line, with the same words, instead of working on one transport only.
 */

/** The largest JSON body of one call: 64 MiB, far above any real request but a bound on memory. */
export const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

/**
 * The most base64 text all the inline files of one call may carry (about 48 MB of file): they
 * travel inside the JSON body, so they can never be larger than it. Bigger files go through an
 * upload (browser build) or a native dialog (desktop app).
 */
export const MAX_INLINE_BASE64 = MAX_REQUEST_BYTES;

/**
 * The largest file the browser build uploads (streamed to a temporary file on the server):
 * 200 MiB, the size above which a PDF is almost certainly not an article.
 */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** Uploads waiting to be used, all together: a bound on the disk a page can fill. */
export const MAX_PENDING_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
