// Finding the value a label points at in page lines. Shops lay out
// "label: value" in many ways; the value is looked for, in order:
//   Order number: 123          the rest of the line (or of the table cell)
//   Order number | 123         the next cell of the row
//   Order number               the next line (a <dt>/<dd> pair, stacked divs)
//   123
//   Order number | Date        the same column of the next table row
//   123          | 20/11/2026

const LEADING_SEPARATORS = /^[\s:：#№=\-–—>]*(?:(?:is|are|was|ist|lautet|est|es|è|är|:)(?![\p{L}])[\s:]*)?/u;
const MAX_VALUE = 240;

/**
 * @param {string[]} lines
 * @param {RegExp} labelRe global regular expression matching the label
 * @param {{limit?: number}} [options]
 * @returns {{lineIndex: number, labelStart: number, labelEnd: number, label: string, value: string, fromNextLine: boolean}[]}
 */
export function labelledValues(lines, labelRe, { limit = 200 } = {}) {
  const results = [];
  for (let i = 0; i < lines.length && results.length < limit; i += 1) {
    const line = lines[i];
    labelRe.lastIndex = 0;
    let m;
    while ((m = labelRe.exec(line)) !== null) {
      if (m[0].length === 0) {
        labelRe.lastIndex += 1;
        continue;
      }
      const labelEnd = m.index + m[0].length;
      const found = valueAfter(lines, i, m.index, labelEnd);
      results.push({ lineIndex: i, labelStart: m.index, labelEnd, label: m[0], ...found });
      if (!labelRe.global || results.length >= limit) break;
    }
  }
  return results;
}

function valueAfter(lines, i, labelStart, labelEnd) {
  const line = lines[i];
  const rest = line.slice(labelEnd);
  const sameCell = rest.replace(LEADING_SEPARATORS, '').split('\t')[0].trim();
  if (sameCell) return { value: sameCell.slice(0, MAX_VALUE), fromNextLine: false };

  const next = lines[i + 1];
  if (next === undefined) return { value: '', fromNextLine: false };
  const cells = line.split('\t');
  if (cells.length > 1) {
    const column = line.slice(0, labelStart).split('\t').length - 1;
    const nextCells = next.split('\t');
    if (nextCells.length === cells.length) {
      return { value: nextCells[column].trim().slice(0, MAX_VALUE), fromNextLine: true };
    }
  }
  return { value: next.split('\t')[0].trim().slice(0, MAX_VALUE), fromNextLine: true };
}

/** A label pattern with Unicode word boundaries around it. */
export function labelRegExp(alternatives) {
  // The end boundary only applies when the label ends in a letter ("Order #W12" is fine).
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${alternatives.join('|')})(?:(?<![\p{L}])|(?![\p{L}]))`, 'giu');
}
