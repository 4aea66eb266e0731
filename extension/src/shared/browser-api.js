// The WebExtension API object. Firefox has the promise-based `browser`;
// Chrome's `chrome` returns promises too under Manifest V3. Every module that
// talks to the browser imports `ext` from here instead of naming either.

export const ext = globalThis.browser ?? globalThis.chrome;
