// Where a corrected value stands on a page, described so it can be found
// again on another page of the same site (another order, same template).
//
// learnAnchor(doc, url, field, value) finds the element whose text holds the
// value the user typed (matched loosely, see values.js) and describes its
// place by what does not change from one order to the next:
//   1. a label anchor, the words next to it, folded (lower case, no accents):
//        same_text  "Vorgang: VG-2026-0412"            the text before it on its line
//        next_cell  <td>Vorgang</td><td>VG-…</td>       the element before it (a table's
//                   <dt>Vorgang</dt><dd>VG-…</dd>        previous cell, a <dt>, a label
//                   <span>Vorgang</span><span>VG-…</span> element); climbs while the
//                                                         value's element holds nothing else
//        column     the header cell of its table column
//        next_line  "Vorgang<br>VG-…"                   the line above it
//   2. a structural anchor, when no label reads it back: the nearest element
//      (itself or an ancestor) with a stable attribute (an id, itemprop, a
//      data-* test id, a name, or a class that is a word, "order-number" but
//      not "css-1x2y3z"), and the tag steps from there down to it.
// A rule is kept only if applying it to the same page gives the typed value
// back. applyAnchor(doc, rule) reads the text at a rule's anchor on another page.
//
// The rule's format is in rule.js.

import { readPage, visibleLines } from '../page.js';
import { fold } from '../i18n/fold.js';
import { contextFor, locateValue, readValue, sameValue, withOrder } from './values.js';
import { LEARNABLE_FIELDS, RELATIONS } from './rule.js';

const MAX_LABEL_LENGTH = 60;
const MAX_LABEL_WORDS = 5;
const MAX_SPOTS = 12;
const MAX_CLIMB = 6;
const MAX_BLOCK_TEXT = 3000; // an ancestor with more text is no longer "next to" the value
const MAX_STEPS = 12;
const TEST_ID_ATTRIBUTES = ['data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-cy', 'data-e2e',
  'data-automation-id', 'data-field', 'data-label'];
const CELL_TAGS = new Set(['td', 'th']);
const LEFT_OUT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'select', 'option', 'textarea']);
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;
// Class and id prefixes of CSS-in-JS and build tools: generated, not chosen.
const GENERATED_PREFIX = /^(?:css|sc|jsx|emotion|svelte|styled|jss|makestyles|tw|chakra|astro|ng-tns|ember)[-_]/i;

const tagOf = (el) => (el && el.localName ? el.localName.toLowerCase() : '');
const elementChildren = (el) => {
  const out = [];
  for (let child = el.firstElementChild; child; child = child.nextElementSibling) out.push(child);
  return out;
};

/** Visible lines of elements, each worked out once per call. */
class Texts {
  constructor() {
    this.cache = new Map();
  }

  lines(el) {
    let lines = this.cache.get(el);
    if (!lines) {
      lines = LEFT_OUT.has(tagOf(el)) ? [] : visibleLines(el);
      this.cache.set(el, lines);
    }
    return lines;
  }

  text(el) {
    return this.lines(el).join('\n');
  }
}

/** A label as stored and compared: folded, single-spaced, without punctuation at either end. */
export function labelKey(text) {
  return fold(String(text ?? ''))
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
}

/** A label is a few words without digits (digits change from one order to the next). */
function isLabel(key) {
  return Boolean(key) && key.length <= MAX_LABEL_LENGTH && /\p{L}{2}/u.test(key) && !/\d/.test(key)
    && key.split(' ').length <= MAX_LABEL_WORDS;
}

/** The label in the text before a value on its line: the words after the last digit, cell or field break. */
function labelBefore(before) {
  let text = before.split('\t').pop();
  text = text.split(/[|·•;!?](?:\s|$)/).pop();
  const lastDigit = text.search(/\d[^\d]*$/);
  if (lastDigit >= 0) text = text.slice(lastDigit + 1);
  let key = labelKey(text);
  const words = key.split(' ');
  if (words.length > MAX_LABEL_WORDS) key = labelKey(words.slice(-MAX_LABEL_WORDS).join(' '));
  return isLabel(key) ? key : null;
}

/** The deepest elements under `root` whose text passes `test`, in document order. */
function deepest(root, test, texts) {
  if (!root || !test(texts.text(root))) return [];
  const found = [];
  const stack = [root];
  while (stack.length) {
    const el = stack.pop();
    const inner = elementChildren(el).filter((child) => !LEFT_OUT.has(tagOf(child)) && test(texts.text(child)));
    if (inner.length) stack.push(...inner.reverse());
    else found.push(el);
  }
  return found;
}

function bodyOf(doc) {
  return doc.body || doc.documentElement;
}

// -- where the typed value stands --------------------------------------------------------------

/** [{el, line, index, end, order?}]: the value in the first line of `el` that holds it. */
function locateIn(el, field, value, ctx, texts) {
  const lines = texts.lines(el);
  for (let i = 0; i < lines.length; i += 1) {
    const [hit] = locateValue(field, value, lines[i], ctx);
    if (hit) return { el, lineIndex: i, line: lines[i], ...hit };
  }
  return null;
}

function valueSpots(doc, field, value, ctx, texts) {
  const hasValue = (text) => text.split('\n').some((line) => locateValue(field, value, line, ctx).length > 0);
  return deepest(bodyOf(doc), hasValue, texts).slice(0, MAX_SPOTS)
    .map((el) => locateIn(el, field, value, ctx, texts)).filter(Boolean);
}

/** Where the spot's line sits in an ancestor's lines: {lineIndex, offset} of its first occurrence. */
function lineIn(ancestorLines, spotLine) {
  for (let i = 0; i < ancestorLines.length; i += 1) {
    const offset = ancestorLines[i].indexOf(spotLine);
    if (offset >= 0) return { lineIndex: i, offset };
  }
  return null;
}

// -- label anchors, learnt ---------------------------------------------------------------------

function sameTextLabel(spot, root, texts) {
  let el = spot.el;
  for (let depth = 0; el && depth < 4; depth += 1, el = el.parentElement) {
    const lines = texts.lines(el);
    const at = depth === 0 ? { lineIndex: spot.lineIndex, offset: 0 } : lineIn(lines, spot.line);
    if (!at) return null;
    const before = lines[at.lineIndex].slice(0, at.offset + spot.index);
    if (before.trim()) return labelBefore(before);
    if (el === root || texts.text(el).length > MAX_BLOCK_TEXT) return null;
  }
  return null;
}

/** Without the typed value, does `text` hold other words? */
function holdsMore(text, spot) {
  const rest = text.replace(spot.line.slice(spot.index, spot.end), ' ');
  return /\p{L}{2}/u.test(rest);
}

function previousWithText(el, texts) {
  for (let sib = el.previousElementSibling; sib; sib = sib.previousElementSibling) {
    if (!LEFT_OUT.has(tagOf(sib)) && texts.text(sib).trim()) return sib;
  }
  return null;
}

function nextWithText(el, texts) {
  for (let sib = el.nextElementSibling; sib; sib = sib.nextElementSibling) {
    if (!LEFT_OUT.has(tagOf(sib)) && texts.text(sib).trim()) return sib;
  }
  return null;
}

function nextCellLabel(spot, root, texts) {
  let el = spot.el;
  for (let depth = 0; el && el !== root && depth < MAX_CLIMB; depth += 1, el = el.parentElement) {
    if (holdsMore(texts.text(el), spot)) return null;
    const previous = previousWithText(el, texts);
    if (previous) {
      const key = labelKey(texts.text(previous));
      return isLabel(key) ? key : null;
    }
  }
  return null;
}

function closestTag(el, tags, root) {
  for (let node = el; node && node !== root; node = node.parentElement) if (tags.has(tagOf(node))) return node;
  return null;
}

function rowsOf(table) {
  return [...table.querySelectorAll('tr')].filter((row) => closestTag(row.parentElement, new Set(['table']), null) === table);
}

function cellsOf(row) {
  return elementChildren(row).filter((cell) => CELL_TAGS.has(tagOf(cell)));
}

function columnOf(cell) {
  let column = 0;
  for (const other of cellsOf(cell.parentElement)) {
    if (other === cell) return column;
    column += Math.max(1, Number.parseInt(other.getAttribute('colspan') || '1', 10) || 1);
  }
  return -1;
}

function cellAt(row, column) {
  let at = 0;
  for (const cell of cellsOf(row)) {
    const span = Math.max(1, Number.parseInt(cell.getAttribute('colspan') || '1', 10) || 1);
    if (column >= at && column < at + span) return cell;
    at += span;
  }
  return null;
}

function tableOf(cell) {
  const row = cell.parentElement;
  if (tagOf(row) !== 'tr') return null;
  const table = closestTag(row, new Set(['table']), null);
  return table ? { row, table } : null;
}

function columnLabel(spot, root, texts) {
  const cell = closestTag(spot.el, CELL_TAGS, root);
  const where = cell && tableOf(cell);
  if (!where) return null;
  const rows = rowsOf(where.table);
  const rowIndex = rows.indexOf(where.row);
  const column = columnOf(cell);
  if (rowIndex <= 0 || column < 0) return null;
  let header = null;
  for (let r = rowIndex - 1; r >= 0 && !header; r -= 1) {
    const above = cellAt(rows[r], column);
    if (above && tagOf(above) === 'th') header = above;
  }
  header = header || cellAt(rows[0], column);
  if (!header || header === cell) return null;
  const key = labelKey(texts.text(header));
  return isLabel(key) ? key : null;
}

function nextLineLabel(spot, root, texts) {
  let el = spot.el;
  for (let depth = 0; el && depth < 4; depth += 1, el = el.parentElement) {
    const lines = texts.lines(el);
    const at = depth === 0 ? { lineIndex: spot.lineIndex, offset: 0 } : lineIn(lines, spot.line);
    if (!at || lines[at.lineIndex].slice(0, at.offset + spot.index).trim()) return null;
    if (at.lineIndex > 0) {
      const key = labelKey(lines[at.lineIndex - 1].split('\t').pop());
      return isLabel(key) ? key : null;
    }
    if (el === root || texts.text(el).length > MAX_BLOCK_TEXT) return null;
  }
  return null;
}

const LABEL_FINDERS = { same_text: sameTextLabel, next_cell: nextCellLabel, column: columnLabel, next_line: nextLineLabel };

// -- structural anchors, learnt ----------------------------------------------------------------

function isWordPart(part) {
  if (/^[a-z]{2,}\d{0,2}$/.test(part)) return /[aeiouy]/.test(part) || part.length <= 4;
  if (/^[A-Za-z][a-z]+(?:[A-Z][a-z]{2,})*\d{0,2}$/.test(part)) return true; // orderNumber, OrderNumber
  return /^[A-Z]{2,5}$/.test(part); // ID, SKU
}

/** True for a name a person chose ("order-number", "orderDetails__total"), not a generated hash ("css-1x2y3z"). */
export function isStableName(value) {
  if (typeof value !== 'string' || !value || value.length > 60 || GENERATED_PREFIX.test(value)) return false;
  if (!/^[A-Za-z][A-Za-z0-9_:.-]*$/.test(value)) return false;
  const parts = value.split(/[-_:.]+/).filter(Boolean);
  return parts.length > 0 && parts.length <= 6 && parts.every(isWordPart);
}

function stableAttribute(el, doc) {
  const id = el.getAttribute('id');
  if (isStableName(id)) return { attribute: 'id', value: id };
  const itemprop = el.getAttribute('itemprop');
  if (itemprop && /^[A-Za-z][\w.:/-]{0,59}$/.test(itemprop)) return { attribute: 'itemprop', value: itemprop };
  for (const name of TEST_ID_ATTRIBUTES) {
    const value = el.getAttribute(name);
    if (isStableName(value)) return { attribute: name, value };
  }
  const named = el.getAttribute('name');
  if (isStableName(named)) return { attribute: 'name', value: named };
  const tag = tagOf(el);
  for (const cls of (el.getAttribute('class') || '').split(/\s+/)) {
    // A class on many elements says little about this one.
    if (isStableName(cls) && withAttribute(doc, 'class', cls, tag).length <= 5) return { attribute: 'class', value: cls };
  }
  return null;
}

function hasAttributeValue(el, attribute, value) {
  if (attribute === 'class') return (el.getAttribute('class') || '').split(/\s+/).includes(value);
  return el.getAttribute(attribute) === value;
}

function withAttribute(doc, attribute, value, tag) {
  const selector = typeof tag === 'string' && /^[a-z][a-z0-9-]{0,30}$/.test(tag) ? tag : '*';
  return [...bodyOf(doc).querySelectorAll(selector)].filter((el) => hasAttributeValue(el, attribute, value));
}

function structuralAnchor(spot, doc) {
  const root = bodyOf(doc);
  const steps = [];
  for (let el = spot.el; el && steps.length <= MAX_STEPS; el = el.parentElement) {
    const found = stableAttribute(el, doc);
    if (found) return { kind: 'path', ...found, tag: tagOf(el), steps };
    if (el === root || !el.parentElement) return null;
    const tag = tagOf(el);
    const index = elementChildren(el.parentElement).filter((sib) => tagOf(sib) === tag).indexOf(el);
    steps.unshift({ tag, index });
  }
  return null;
}

// -- learning ----------------------------------------------------------------------------------

/**
 * The rule that finds `value` for `field` on pages like this one, or null.
 * @param {Document} doc
 * @param {string|null} url
 * @param {string} field one of LEARNABLE_FIELDS
 * @param {string} value what the user typed (a date as YYYY-MM-DD, an amount as 58.40)
 */
export function learnAnchor(doc, url, field, value) {
  if (!doc || !LEARNABLE_FIELDS.includes(field)) return null;
  const wanted = typeof value === 'string' ? value.trim() : value === null || value === undefined ? '' : String(value);
  if (!wanted) return null;
  const page = readPage(doc, url);
  const ctx = contextFor(page);
  const texts = new Texts();
  const spots = valueSpots(doc, field, wanted, ctx, texts);
  const rules = [];
  const make = (spot, anchor) => ({ field, anchor, ...(spot.order ? { order: spot.order } : {}), example: wanted });
  for (const spot of spots) {
    for (const relation of RELATIONS) {
      const label = LABEL_FINDERS[relation](spot, bodyOf(doc), texts);
      if (label) rules.push(make(spot, { kind: 'label', relation, label }));
    }
  }
  for (const spot of spots) {
    const anchor = structuralAnchor(spot, doc);
    if (anchor) rules.push(make(spot, anchor));
  }
  const seen = new Set();
  for (const rule of rules) {
    const key = JSON.stringify(rule);
    if (seen.has(key)) continue;
    seen.add(key);
    // Kept only if it reads the typed value back here, before any other value.
    const ruleCtx = withOrder(ctx, rule.order);
    const text = applyAnchor(doc, rule, (t) => readValue(field, t, ruleCtx) !== null);
    const read = text === null ? null : readValue(field, text, ruleCtx);
    if (read && sameValue(field, wanted, read.value)) {
      return { ...rule, example: String(read.value) };
    }
  }
  return null;
}

// -- applying ----------------------------------------------------------------------------------

function labelPattern(label, flags = 'u') {
  const body = label.split(' ').map((word) => word.replace(REGEX_SPECIAL, '\\$&')).join('\\s+');
  const start = /^[\p{L}\p{N}]/u.test(label) ? String.raw`(?<![\p{L}\p{N}])` : '';
  const end = /[\p{L}\p{N}]$/u.test(label) ? String.raw`(?![\p{L}\p{N}])` : '';
  return new RegExp(start + body + end, flags);
}

function* sameTextValues(root, label, texts) {
  const all = labelPattern(label, 'gu');
  for (const start of labelElements(root, label, texts)) {
    let el = start;
    for (let depth = 0; el && depth < 4; depth += 1, el = el.parentElement) {
      let yielded = false;
      for (const line of texts.lines(el)) {
        for (const m of fold(line).matchAll(all)) {
          const after = line.slice(m.index + m[0].length).replace(/^[\s.,;:：=>»›|–—-]+/u, '').split('\t')[0].trim();
          if (/[\p{L}\p{N}]/u.test(after)) {
            yielded = true;
            yield after;
          }
        }
      }
      if (yielded || el === root || texts.text(el).length > MAX_BLOCK_TEXT) break;
    }
  }
}

function labelElements(root, label, texts) {
  const re = labelPattern(label);
  return deepest(root, (text) => re.test(fold(text)), texts);
}

function* nextCellValues(root, label, texts) {
  for (const start of labelElements(root, label, texts)) {
    for (let el = start; el && el !== root && labelKey(texts.text(el)) === label; el = el.parentElement) {
      const next = nextWithText(el, texts);
      if (next) {
        yield texts.text(next);
        break;
      }
    }
  }
}

function* columnValues(root, label, texts) {
  for (const start of labelElements(root, label, texts)) {
    let cell = null;
    for (let el = start; el && el !== root && labelKey(texts.text(el)) === label; el = el.parentElement) {
      if (CELL_TAGS.has(tagOf(el))) {
        cell = el;
        break;
      }
    }
    const where = cell && tableOf(cell);
    if (!where) continue;
    const rows = rowsOf(where.table);
    const column = columnOf(cell);
    for (const row of rows.slice(rows.indexOf(where.row) + 1)) {
      const below = cellAt(row, column);
      if (below && texts.text(below).trim()) {
        yield texts.text(below);
        break;
      }
    }
  }
}

function* nextLineValues(root, label, texts) {
  for (const start of labelElements(root, label, texts)) {
    let el = start;
    for (let depth = 0; el && depth < MAX_CLIMB; depth += 1, el = el.parentElement) {
      const lines = texts.lines(el);
      const at = lines.findIndex((line) => labelKey(line.split('\t').pop()) === label);
      if (at >= 0 && at + 1 < lines.length) {
        yield lines[at + 1];
        break;
      }
      if (el === root || texts.text(el).length > MAX_BLOCK_TEXT) break;
    }
  }
}

function* pathValues(doc, anchor, texts) {
  for (const start of withAttribute(doc, anchor.attribute, anchor.value, anchor.tag || null)) {
    let el = start;
    for (const step of anchor.steps || []) {
      el = el ? elementChildren(el).filter((child) => tagOf(child) === step.tag)[step.index] || null : null;
    }
    if (el && texts.text(el).trim()) yield texts.text(el);
  }
}

const LABEL_VALUES = { same_text: sameTextValues, next_cell: nextCellValues, column: columnValues, next_line: nextLineValues };

function* anchorValues(doc, anchor, texts) {
  if (anchor.kind === 'label') {
    const values = Object.hasOwn(LABEL_VALUES, anchor.relation) ? LABEL_VALUES[anchor.relation] : null;
    if (values && isLabel(anchor.label)) yield* values(bodyOf(doc), anchor.label, texts);
  } else if (anchor.kind === 'path' && typeof anchor.attribute === 'string' && typeof anchor.value === 'string'
    && Array.isArray(anchor.steps) && anchor.steps.length <= MAX_STEPS) {
    yield* pathValues(doc, anchor, texts);
  }
}

/**
 * The text at a rule's anchor on `doc`: the first one `accept` takes (by
 * default any that is not blank), or null.
 * @param {Document} doc
 * @param {{anchor: object}} rule
 * @param {(text: string) => boolean} [accept]
 */
export function applyAnchor(doc, rule, accept = (text) => Boolean(text && text.trim())) {
  const anchor = rule && rule.anchor;
  if (!doc || !anchor || typeof anchor !== 'object' || !bodyOf(doc)) return null;
  const texts = new Texts();
  let tried = 0;
  for (const text of anchorValues(doc, anchor, texts)) {
    if (accept(text)) return text;
    tried += 1;
    if (tried >= 50) break;
  }
  return null;
}
