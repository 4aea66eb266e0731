// The context menu "Log selection to refund case…": the selected text (a chat
// transcript, an email) becomes a draft, and a small chooser window asks
// which open case it belongs to (the tab's site's case is preselected) and
// how to file it. Drafts live in storage.session ("draft/<id>"): in memory
// only, gone when the browser closes. "Log to case" moves the text into the
// outbox (storage.local), which keeps it until Refund Tracker accepts it.

import { ext } from '../shared/browser-api.js';
import { cleanText } from '../extract/normalize.js';

export const MENU_ID = 'log-selection';
const DRAFT_PREFIX = 'draft/';
const CHOOSER_PAGE = 'src/chooser/chooser.html';
const MAX_SELECTION = 500_000;

/** (Re)creates the menu item; called when the extension is installed and when the browser starts. */
export async function createSelectionMenu() {
  await ext.contextMenus.removeAll();
  ext.contextMenus.create({ id: MENU_ID, title: 'Log selection to refund case…', contexts: ['selection'] });
}

/**
 * The selection with its line breaks: read from the frame it was made in
 * (the click grants activeTab), else the menu's own copy, which browsers
 * flatten to one line.
 */
async function readSelection(info, tab) {
  if (tab && tab.id !== undefined && tab.id >= 0) {
    try {
      const [injection] = await ext.scripting.executeScript({
        target: { tabId: tab.id, frameIds: [info.frameId || 0] },
        func: () => String(globalThis.getSelection ? globalThis.getSelection() : ''),
      });
      const text = injection && typeof injection.result === 'string' ? injection.result : '';
      if (text.trim()) return text;
    } catch {
      // A page the extension may not read (a browser page, a PDF viewer): fall back below.
    }
  }
  return String(info.selectionText || '');
}

/** Handles a click on the menu item: stores the draft and opens the chooser. */
export async function onSelectionMenuClicked(info, tab) {
  if (info.menuItemId !== MENU_ID) return null;
  const text = (await readSelection(info, tab)).slice(0, MAX_SELECTION);
  if (!text.trim()) return null;
  const id = crypto.randomUUID();
  const draft = {
    id,
    text,
    page_url: (tab && tab.url) || info.frameUrl || info.pageUrl || null,
    // The page chose its title: one line, without the controls and bidi overrides it may hold.
    page_title: (tab && cleanText(tab.title)) || null,
    tab_id: tab && tab.id >= 0 ? tab.id : null,
    created_at: Date.now(),
  };
  await ext.storage.session.set({ [DRAFT_PREFIX + id]: draft });
  const url = ext.runtime.getURL(`${CHOOSER_PAGE}?draft=${encodeURIComponent(id)}`);
  try {
    await ext.windows.create({ url, type: 'popup', width: 560, height: 760 });
  } catch {
    await ext.tabs.create({ url });
  }
  return draft;
}

export async function loadDraft(id) {
  const key = DRAFT_PREFIX + id;
  const found = await ext.storage.session.get(key);
  return found[key] || null;
}

export async function dropDraft(id) {
  await ext.storage.session.remove(DRAFT_PREFIX + id);
}
