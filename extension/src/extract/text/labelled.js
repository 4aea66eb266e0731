// Finding the value a label points at in page lines. Shops lay out
// "label: value" in many ways; the candidates are, in order:
//   Order number: 123          the rest of the line (or of the table cell)
//   Order number | 123         the next cell of the row
//   Order number | Date        the same column of the next table row
//   123          | 20/11/2026  (tried first when the label's row has no digits)
//   Order number               the next line (a <dt>/<dd> pair, stacked divs)
//   123
// Callers take the first candidate that parses as what they look for.

import { foldLines } from '../i18n/patterns.js';

const LEADING_SEPARATORS = /^[ \u00a0:：#№=\-–—>]*(?:(?:is|are|was|ist|lautet|est|es|è|är)(?![\p{L}])[ \u00a0:]*)?/u;
const MAX_VALUE = 240;

/** Where a label matcher (a PhraseSet, or a global RegExp over folded text) matches a folded line. */
function labelMatches(matcher, folded) {
  if (!(matcher instanceof RegExp)) return matcher.matches(folded);
  const found = [];
  matcher.lastIndex = 0;
  let m;
  while ((m = matcher.exec(folded)) !== null) {
    if (m[0].length === 0) {
      matcher.lastIndex += 1;
      continue;
    }
    found.push({ index: m.index, end: m.index + m[0].length });
    if (!matcher.global) break;
  }
  return found;
}

/**
 * @param {string[]} lines
 * @param {import('../i18n/phrases.js').PhraseSet|RegExp} matcher the label: a PhraseSet of the
 *   label table, or a global regular expression for folded text
 * @param {{limit?: number}} [options]
 * @returns {{lineIndex: number, labelStart: number, labelEnd: number, label: string, values: string[]}[]}
 */
export function labelledValues(lines, matcher, { limit = 200 } = {}) {
  const results = [];
  const folded = foldLines(lines);
  for (let i = 0; i < lines.length && results.length < limit; i += 1) {
    const line = lines[i];
    // Labels are matched in the folded line (see i18n/fold.js): same positions, any case or accent.
    for (const { index, end } of labelMatches(matcher, folded[i])) {
      const values = valuesAfter(lines, i, index, end);
      if (values.length) results.push({ lineIndex: i, labelStart: index, labelEnd: end, label: line.slice(index, end), values });
      if (results.length >= limit) break;
    }
  }
  return results;
}

const clip = (text) => text.trim().slice(0, MAX_VALUE);

function valuesAfter(lines, i, labelStart, labelEnd) {
  const line = lines[i];
  const cells = line.split('\t');
  const column = line.slice(0, labelStart).split('\t').length - 1;
  const nextCell = cells[column + 1];
  const sameCell = line.slice(labelEnd).replace(LEADING_SEPARATORS, '').split('\t')[0].trim();
  // "Total (incl. VAT) | £24.99": the label's own cell first, then the next one.
  if (sameCell) return nextCell && nextCell.trim() ? [clip(sameCell), clip(nextCell)] : [clip(sameCell)];

  const values = [];
  const next = lines[i + 1];
  const nextCells = next === undefined ? [] : next.split('\t');
  const columnValue = cells.length > 1 && nextCells.length === cells.length ? nextCells[column] : undefined;
  // A row of labels with no digits is a table header: its values are below it.
  const headerRow = !/\d/.test(line);
  const ordered = headerRow ? [columnValue, nextCell] : [nextCell, columnValue];
  for (const value of ordered) if (value && value.trim()) values.push(clip(value));
  if (next !== undefined && cells.length === 1) values.push(clip(nextCells[0]));
  return values;
}

/** Applies `parse` to a hit's candidate values and returns the first result that is not null. */
export function firstParsed(hit, parse) {
  for (const value of hit.values) {
    const parsed = parse(value);
    if (parsed !== null && parsed !== undefined) return parsed;
  }
  return null;
}

/** A label pattern with Unicode word boundaries around it. */
export function labelRegExp(alternatives) {
  // The end boundary only applies when the label ends in a letter ("Order #W12" is fine).
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternatives.join('|')})(?:(?<![\p{L}])|(?![\p{L}]))`, 'giu');
}
