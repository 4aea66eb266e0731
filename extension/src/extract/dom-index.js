// A page's class names, ids and a few attributes, gathered in one pass, so that
// asking "does this page have .os-order-number or [class*=order-list__item]?"
// for every platform rule and webmail does not walk the whole DOM each time.
// On a 2 MB order page one CSS query that finds nothing costs a few
// milliseconds; the rules ask dozens.
//
// fastHas(root, selectors) gives the same answer as root.querySelector(selectors)
// !== null: a selector whose class, id or attribute the page does not have is
// answered from the index; the others are asked of the DOM. The selectors of a
// list are asked one by one: a browser answers one simple selector for a whole
// page in microseconds, but matches a list element by element.

const TRACKED = new Set(['data-test', 'data-testid', 'data-test-id', 'data-hook', 'data-cy', 'data-step', 'itemprop', 'name',
  'property', 'type', 'role', 'aria-label']);
const indexes = new WeakMap();

// One pass for class names, ids and tags: most elements repeat a class attribute another
// element has (a table's rows), so each distinct value is split once. The tracked
// attributes are gathered when a selector first asks about one.
function buildIndex(root) {
  const classes = new Set();
  const classValues = new Set();
  const ids = new Set();
  const tags = new Set();
  const add = (el) => {
    tags.add(el.localName);
    const value = el.getAttribute('class');
    if (value && !classValues.has(value)) {
      classValues.add(value);
      for (const token of value.split(/\s+/)) if (token) classes.add(token);
    }
    const id = el.getAttribute('id');
    if (id) ids.add(id);
  };
  if (root.nodeType === 1) add(root);
  const elements = root.querySelectorAll('*');
  for (let i = 0; i < elements.length; i += 1) add(elements[i]);
  return { root, classes, ids, tags, attrs: new Map() };
}

// The values one tracked attribute has on the page.
function attributeValues(index, name) {
  let values = index.attrs.get(name);
  if (!values) {
    values = new Set();
    const { root } = index;
    if (root.nodeType === 1 && root.hasAttribute(name)) values.add(root.getAttribute(name));
    for (const el of root.querySelectorAll(`[${name}]`)) values.add(el.getAttribute(name));
    index.attrs.set(name, values);
  }
  return values;
}

function indexOf(root) {
  let index = indexes.get(root);
  if (!index) {
    index = buildIndex(root);
    indexes.set(root, index);
  }
  return index;
}

// Top-level parts of a selector list ("a, b:not(c, d)" -> ["a", "b:not(c, d)"]).
function splitList(selectors) {
  const parts = [];
  let depth = 0;
  let start = 0;
  let quote = null;
  for (let i = 0; i < selectors.length; i += 1) {
    const ch = selectors[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[') depth += 1;
    else if (ch === ')' || ch === ']') depth -= 1;
    else if (ch === ',' && depth === 0) {
      parts.push(selectors.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(selectors.slice(start).trim());
  return parts.filter(Boolean);
}

const COMPOUND_PART = /(#[\w-]+)|(\.[\w-]+)|\[\s*([\w-]+)\s*(?:([*^$~|]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]+))\s*(?:i)?)?\s*\]|:[\w-]+(?:\([^)]*\))?|^([a-zA-Z][\w-]*)/g;

// What the last compound of a selector needs to exist: every class, id, tag and attribute.
function needs(selector) {
  const compounds = selector.replace(/\s*([>+~])\s*/g, ' ').split(/\s+(?![^[]*\])/);
  const last = compounds[compounds.length - 1];
  const result = [];
  COMPOUND_PART.lastIndex = 0;
  let m;
  while ((m = COMPOUND_PART.exec(last)) !== null) {
    if (m[0] === '') {
      COMPOUND_PART.lastIndex += 1;
      continue;
    }
    if (m[1]) result.push({ kind: 'id', value: m[1].slice(1) });
    else if (m[2]) result.push({ kind: 'class', value: m[2].slice(1) });
    else if (m[3]) result.push({ kind: 'attr', name: m[3].toLowerCase(), op: m[4] || null, value: m[5] ?? m[6] ?? m[7] ?? null });
    else if (m[8]) result.push({ kind: 'tag', value: m[8].toLowerCase() });
  }
  return result;
}

function someIn(set, test) {
  for (const value of set) if (test(value)) return true;
  return false;
}

function compare(op, value) {
  switch (op) {
    case '=': return (v) => v === value;
    case '*=': return (v) => v.includes(value);
    case '^=': return (v) => v.startsWith(value);
    case '$=': return (v) => v.endsWith(value);
    case '~=': return (v) => v.split(/\s+/).includes(value);
    case '|=': return (v) => v === value || v.startsWith(`${value}-`);
    default: return () => true;
  }
}

// False when the index shows the selector cannot match; true when it might.
function mightMatch(index, selector) {
  for (const need of needs(selector)) {
    if (need.kind === 'tag' && !index.tags.has(need.value)) return false;
    if (need.kind === 'id' && !index.ids.has(need.value)) return false;
    if (need.kind === 'class' && !index.classes.has(need.value)) return false;
    if (need.kind === 'attr') {
      const test = need.op ? compare(need.op, need.value) : () => true;
      if (need.name === 'class') {
        // Tested token by token: a selector's value never spans two class names here.
        const tokenTest = need.op === '=' || need.op === '~=' ? (v) => v === need.value : test;
        if (need.op ? !someIn(index.classes, tokenTest) : index.classes.size === 0) return false;
      } else if (need.name === 'id') {
        if (!someIn(index.ids, test)) return false;
      } else if (TRACKED.has(need.name) && !someIn(attributeValues(index, need.name), test)) {
        return false;
      }
    }
  }
  return true;
}

/** Whether `root` (a Document or an Element) has an element matching `selectors`, quickly. */
export function fastHas(root, selectors) {
  const index = indexOf(root);
  for (const selector of splitList(selectors)) {
    if (!mightMatch(index, selector)) continue;
    try {
      if (root.querySelector(selector) !== null) return true;
    } catch {
      // an invalid selector matches nothing
    }
  }
  return false;
}
