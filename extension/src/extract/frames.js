// A page whose order is in a frame its own script cannot read: a webmail showing the message
// in a sandboxed frame of another origin (WEB.DE, GMX). The extension then reads each frame on
// its own (the popup injects into every frame; tools/extract.mjs reads the frame's srcdoc), and
// this decides the answer from the page's and the frames' answers. Pure: plain objects in and out.

// Facts a webmail prints around the message, not in it: the page knows them, the frame does not.
const FROM_THE_PAGE = ['order_date', 'account_email'];

// The more confident answer, then the fuller one (frames answer in no fixed order).
const rank = (result) => result.confidence * 100 + Object.values(result).filter((v) => v !== null && v !== undefined).length;

/**
 * @param {{result: object, known?: object}} page the page's own answer; `known`: the values its
 *   extractors agreed on even when the page is not an order ({field: value})
 * @param {{result: object}[]} frames each frame's answer
 * @returns {{result: object, frame: number|null}} the page's answer when it is an order, else
 *   the most confident frame's that is (at the page's address), else the page's
 */
export function answerFromFrames(page, frames) {
  if (page.result.found) return { result: page.result, frame: null };
  let best = null;
  frames.forEach((frame, index) => {
    if (!frame || !frame.result || !frame.result.found) return;
    if (!best || rank(frame.result) > rank(best.result)) best = { result: frame.result, index };
  });
  if (!best) return { result: page.result, frame: null };
  const result = { ...best.result, page_url: page.result.page_url, page_title: page.result.page_title || best.result.page_title };
  for (const field of FROM_THE_PAGE) {
    const value = page.known ? page.known[field] : null;
    if ((result[field] === null || result[field] === undefined) && value !== null && value !== undefined) result[field] = value;
  }
  return { result, frame: best.index };
}

/** The values an analysis's extractors settled on, found or not ({field: value}). */
export function knownValues(merged) {
  const known = {};
  for (const [field, entry] of Object.entries(merged || {})) if (entry && entry.value !== undefined) known[field] = entry.value;
  return known;
}
