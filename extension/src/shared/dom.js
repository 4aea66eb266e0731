// Building the extension pages' DOM without innerHTML: everything shown may
// come from a web page (extracted fields) or the server, so it is only ever
// set as text.

/**
 * el('p', {className: 'note', hidden: false, 'aria-live': 'polite'}, 'text', child...)
 * Properties that exist on the element are set as properties; others
 * (aria-*, data-*, for) as attributes. Children are nodes or text.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name in node && !name.includes('-')) node[name] = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces a node's children. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** Text with `code` spans: "run `refunds`" -> ["run ", <code>refunds</code>]. */
export function withCode(text) {
  return String(text).split(/`([^`]+)`/).map((part, i) => (i % 2 ? el('code', {}, part) : part));
}

/** How a connection state (from the background worker's status) looks in a notice. */
const CONNECTION_LOOK = { ok: 'ok', offline: 'warn', not_paired: 'warn', unknown_pairing: 'warn' };

export function connectionLook(state) {
  return CONNECTION_LOOK[state] || 'bad';
}

/**
 * Shows a notice in `box` with a look ('ok', 'warn', 'bad', ...): strings become paragraphs
 * (with `code` spans), nodes are shown as they are. No look clears the box.
 */
export function showNotice(box, look, ...content) {
  box.className = look ? `notice ${look}` : '';
  fill(box, look ? content.map((c) => (typeof c === 'string' ? el('p', {}, withCode(c)) : c)) : null);
}
