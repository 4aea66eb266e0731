// Where a reminder's notification leads: the settings page, on its case
// (`#case=<id>`, shown in its "Due now" section). Used by the worker (the
// click) and the settings page (the hash). Pure.

export const OPTIONS_PAGE = 'src/options/options.html';

/** The page a click on a reminder opens (extension-relative): the settings, on the case. */
export function reminderTarget(caseId) {
  return caseId ? `${OPTIONS_PAGE}#case=${encodeURIComponent(caseId)}` : `${OPTIONS_PAGE}#reminders`;
}

/** The case id of a `#case=<id>` location hash, or null. */
export function caseOfHash(hash) {
  const match = /^#?case=([^&]+)/.exec(String(hash ?? ''));
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]) || null;
  } catch {
    return null;
  }
}
