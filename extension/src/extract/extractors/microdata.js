// schema.org data in microdata attributes (itemscope / itemtype / itemprop),
// read into the same plain-object shape as JSON-LD so both share one mapping.

import { Candidate } from '../fields.js';
import { fillFromSchemaNodes } from './schema-org.js';

const WEIGHT = 0.8;
const URL_VALUED = new Set(['a', 'area', 'link', 'audio', 'embed', 'iframe', 'img', 'source', 'track', 'video']);

// The value of one itemprop element, following the microdata spec, plus the
// common habit of putting a machine-readable value in `content` on any element.
function propertyValue(el) {
  const tag = el.localName.toLowerCase();
  if (el.hasAttribute('content')) return el.getAttribute('content');
  if (URL_VALUED.has(tag)) return el.getAttribute(tag === 'a' || tag === 'area' || tag === 'link' ? 'href' : 'src') || '';
  if (tag === 'object') return el.getAttribute('data') || '';
  if (tag === 'data' || tag === 'meter') return el.getAttribute('value') || '';
  if (tag === 'time' && el.hasAttribute('datetime')) return el.getAttribute('datetime');
  return (el.textContent || '').replace(/\s+/g, ' ').trim();
}

function closestItem(el) {
  for (let parent = el.parentElement; parent; parent = parent.parentElement) {
    if (parent.hasAttribute('itemscope')) return parent;
  }
  return null;
}

/** All microdata items on the page as plain objects ({"@type": "Order", orderNumber: ...}). */
export function readMicrodata(doc) {
  const items = new Map();
  const itemFor = (el) => {
    let item = items.get(el);
    if (!item) {
      item = {};
      const type = el.getAttribute('itemtype');
      if (type) item['@type'] = type.trim().split(/\s+/);
      items.set(el, item);
    }
    return item;
  };
  const elements = doc.querySelectorAll('[itemscope], [itemprop]');
  for (const el of elements) if (el.hasAttribute('itemscope')) itemFor(el);
  for (const el of elements) {
    if (!el.hasAttribute('itemprop')) continue;
    const owner = closestItem(el);
    if (!owner) continue;
    const value = el.hasAttribute('itemscope') ? itemFor(el) : propertyValue(el);
    const item = itemFor(owner);
    for (const name of el.getAttribute('itemprop').trim().split(/\s+/)) {
      const key = name.replace(/^.*[/#]/, '');
      if (item[key] === undefined) item[key] = value;
      else if (Array.isArray(item[key])) item[key].push(value);
      else item[key] = [item[key], value];
    }
  }
  return [...items.values()];
}

/** @param {ReturnType<import('../page.js').readPage>} page */
export function extractFromMicrodata(page) {
  return fillFromSchemaNodes(readMicrodata(page.doc), new Candidate('microdata'), { locale: page.locale, weight: WEIGHT });
}
