// Node-only: a page's order as the popup reads it: the page first, then, when it is not an
// order, each of its frames read on its own, as the popup does when it injects into every frame
// (a webmail's mail body in a sandboxed frame: src/extract/frames.js).

import { analyzeOrder } from '../src/extract/index.js';
import { answerFromFrames, knownValues } from '../src/extract/frames.js';
import { frameDocuments } from './html-document.mjs';

/** analyzeOrder()'s answer for the page, its `result` taken from a frame when the order is there. */
export function analyzePage(doc, url = null, options = {}) {
  const analysis = analyzeOrder(doc, url, options);
  if (analysis.result.found) return analysis;
  const frames = frameDocuments(doc).map((inner) => analyzeOrder(inner, null, options));
  if (!frames.length) return analysis;
  const { result, frame } = answerFromFrames({ result: analysis.result, known: knownValues(analysis.merged) }, frames);
  if (frame === null) return analysis;
  return { ...frames[frame], result, evidence: [...frames[frame].evidence, 'read in a frame of the page'] };
}
