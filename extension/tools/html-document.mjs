// Node-only: turns HTML bytes into a DOM Document for the extraction code.
// parse5 builds the tree exactly as a browser's HTML parser would (unclosed
// tags, stray content, tables), and linkedom provides the fast DOM the
// extractors query; linkedom's own parser is not spec-compliant on malformed
// markup, so it only ever sees parse5's well-formed serialisation.

import { parse, serialize } from 'parse5';
// linkedom/worker is the same DOM bundled into one file: it loads about twice as fast.
import { parseHTML } from 'linkedom/worker';

// How deep frames inside frames are read (a webmail page, its mail app frame, the message's).
const MAX_FRAME_DEPTH = 3;

// The documents of a page's srcdoc frames, in the order of the page.
const FRAMES = new WeakMap();

/**
 * @param {string} html
 * @returns {Document} with each <iframe srcdoc>'s document as its `contentDocument`, as a
 *   browser gives it to a script of the same origin (webmails show the message in one); a
 *   sandboxed frame without allow-same-origin has none, as in a browser (frameDocuments())
 */
export function documentFromHtml(html, depth = 0) {
  const doc = parseHTML(serialize(parse(html))).document;
  const frames = [];
  if (depth < MAX_FRAME_DEPTH) {
    for (const frame of doc.querySelectorAll('iframe[srcdoc]')) {
      const inner = documentFromHtml(frame.getAttribute('srcdoc'), depth + 1);
      const sandbox = frame.getAttribute('sandbox');
      const opaque = sandbox !== null && !sandbox.split(/\s+/).includes('allow-same-origin');
      Object.defineProperty(frame, 'contentDocument', { value: opaque ? null : inner, configurable: true });
      frames.push(inner);
    }
  }
  FRAMES.set(doc, frames);
  return doc;
}

/**
 * Every frame's document, frames inside frames too, whether the page's script may read it or
 * not: what an extension injecting into all frames reads.
 */
export function frameDocuments(doc) {
  return (FRAMES.get(doc) || []).flatMap((inner) => [inner, ...frameDocuments(inner)]);
}

const CHARSET_IN_META = /<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w-]+)/i;

/**
 * Decodes page bytes the way a browser would: byte-order mark, then a
 * <meta charset> in the first 1024 bytes, else UTF-8.
 * @param {Uint8Array} bytes
 */
export function decodeHtml(bytes) {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const declared = CHARSET_IN_META.exec(head);
  let label = declared ? declared[1].toLowerCase() : 'utf-8';
  if (label === 'utf-16' || label === 'utf-16le' || label === 'utf-16be') label = 'utf-8'; // as browsers do for a meta in ASCII
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
