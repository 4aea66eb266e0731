// schema.org data in <script type="application/ld+json"> blocks. Every block
// is read on its own, leniently, so one broken block does not hide the others.

import { Candidate } from '../fields.js';
import { parseLenientJsonValues } from '../parse/lenient-json.js';
import { decodeEntities } from '../parse/entities.js';
import { allNodes, fillFromSchemaNodes } from './schema-org.js';

const WEIGHT = 0.85;

/** The JSON values of all JSON-LD blocks on the page; unreadable blocks are skipped. */
export function readJsonLd(doc) {
  const values = [];
  for (const script of doc.querySelectorAll('script[type]')) {
    if (!/^\s*application\/ld\+json\s*(?:;.*)?$/i.test(script.getAttribute('type'))) continue;
    const source = script.textContent || '';
    try {
      values.push(...parseLenientJsonValues(source));
    } catch {
      // Some sites HTML-escape the whole block ({&quot;@type&quot;: ...}).
      if (source.includes('&quot;') || source.includes('&#34;')) {
        try {
          values.push(...parseLenientJsonValues(decodeEntities(source)));
        } catch {
          // unreadable: ignored, like a browser ignores it
        }
      }
    }
  }
  return values;
}

/** @param {ReturnType<import('../page.js').readPage>} page */
export function extractFromJsonLd(page) {
  const nodes = allNodes(readJsonLd(page.doc));
  return fillFromSchemaNodes(nodes, new Candidate('jsonld'), { locale: page.locale, weight: WEIGHT });
}
