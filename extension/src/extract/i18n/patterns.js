// Regular expressions made from the label table (labels.js), for folded text.

import { LABELS } from './labels.js';
import { fold, phrasesSource } from './fold.js';
import { phraseSet } from './phrases.js';

/** Every phrase of the concepts, in every language. */
export function phrasesOf(...concepts) {
  return concepts.flatMap((concept) => {
    if (!LABELS[concept]) throw new Error(`no label concept ${concept}`);
    return Object.values(LABELS[concept]).flat();
  });
}

/** The phrases of the concepts as one matcher (a PhraseSet, see phrases.js). */
export function labelPattern(...concepts) {
  return phraseSet(concepts);
}

/** A pattern from extra phrases (with the same folding and word rules). */
export function phrasePattern(phrases, flags = 'gu') {
  return new RegExp(phrasesSource(phrases), flags);
}

/** True when `text` contains a phrase of the concepts. */
export function mentions(text, ...concepts) {
  return phraseSet(concepts).test(fold(text));
}

const foldedLines = new WeakMap();

/** The folded copy of a page's lines (computed once per array). */
export function foldLines(lines) {
  let folded = foldedLines.get(lines);
  if (!folded) {
    folded = lines.map(fold);
    foldedLines.set(lines, folded);
  }
  return folded;
}
