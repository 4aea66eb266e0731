// schema.org data in <script type="application/ld+json"> blocks. Every block
// is read on its own, leniently, so one broken block does not hide the others.

import { Candidate } from '../fields.js';
import { parseLenientJsonValues } from '../parse/lenient-json.js';
import { decodeEntities } from '../parse/entities.js';
import { allNodes, fillFromSchemaNodes } from './schema-org.js';

const WEIGHT = 0.85;
// A block cut off before its end was written by a template that failed half-way: what it
// says is kept, but the page's visible text outweighs it.
const CUT_OFF_WEIGHT = 0.4;

/**
 * The JSON values of all JSON-LD blocks on the page; unreadable blocks are skipped. The
 * array's `cutOff` is true when a block ended inside a value.
 */
export function readJsonLd(doc) {
  const values = [];
  const keep = (read) => {
    values.push(...read);
    if (read.cutOff) values.cutOff = true;
  };
  for (const script of doc.querySelectorAll('script[type]')) {
    if (!/^\s*application\/ld\+json\s*(?:;.*)?$/i.test(script.getAttribute('type'))) continue;
    const source = script.textContent || '';
    try {
      keep(parseLenientJsonValues(source));
    } catch {
      // Some sites HTML-escape the whole block ({&quot;@type&quot;: ...}).
      if (source.includes('&quot;') || source.includes('&#34;')) {
        try {
          keep(parseLenientJsonValues(decodeEntities(source)));
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
  const values = readJsonLd(page.doc);
  const candidate = new Candidate('jsonld');
  if (values.cutOff) candidate.signals.cutOff = true;
  return fillFromSchemaNodes(allNodes(values), candidate, { locale: page.locale, weight: values.cutOff ? CUT_OFF_WEIGHT : WEIGHT });
}
