// Words for what waits in the outbox, by kind. Pure.

const NOUNS = Object.freeze({
  capture: ['capture', 'captures'],
  communication: ['logged selection', 'logged selections'],
});

/** "1 capture", "2 captures and 1 logged selection"; counts is {capture: n, communication: m}. */
export function countText(counts) {
  const parts = Object.entries(counts || {})
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => {
      const [one, many] = NOUNS[kind] || ['item', 'items'];
      return `${n} ${n === 1 ? one : many}`;
    });
  if (parts.length === 0) return 'nothing';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The total of a {kind: count} object. */
export function total(counts) {
  return Object.values(counts || {}).reduce((sum, n) => sum + n, 0);
}
