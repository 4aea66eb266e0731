// Shared by the tests: loading fixture pages into a DOM the way the
// command-line tool does.

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentFromHtml, decodeHtml } from '../tools/html-document.mjs';

export const EXTENSION_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PAGES_DIR = join(EXTENSION_DIR, 'test', 'fixtures', 'pages');

/** A DOM Document from an HTML string. */
export function html(markup) {
  return documentFromHtml(markup);
}

/** Every fixture page: {name, file, doc, url, expected}. */
export function fixturePages() {
  return readdirSync(PAGES_DIR)
    .filter((file) => file.endsWith('.expected.json'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.expected\.json$/, '');
      const expected = JSON.parse(readFileSync(join(PAGES_DIR, file), 'utf8'));
      const htmlFile = join(PAGES_DIR, `${name}.html`);
      return { name, file: htmlFile, url: expected.url, expected, load: () => documentFromHtml(decodeHtml(readFileSync(htmlFile))) };
    });
}

/** One fixture page by name. */
export function fixturePage(name) {
  const page = fixturePages().find((p) => p.name === name);
  if (!page) throw new Error(`no fixture page ${name}`);
  return page;
}

/** chrome.storage.local's get/set/remove over a Map, storing copies as the browser does. */
export class MemoryArea {
  constructor() {
    this.data = new Map();
  }

  async get(keys) {
    const wanted = keys === null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    const out = {};
    for (const key of wanted) if (this.data.has(key)) out[key] = structuredClone(this.data.get(key));
    return out;
  }

  async set(items) {
    for (const [key, value] of Object.entries(items)) this.data.set(key, structuredClone(value));
  }

  async remove(keys) {
    for (const key of Array.isArray(keys) ? keys : [keys]) this.data.delete(key);
  }
}
