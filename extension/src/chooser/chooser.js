// The chooser: opened by the context menu "Log selection to refund case…"
// (chooser.html?draft=<id>), or from the popup to fix a logged selection
// Refund Tracker refused (chooser.html?entry=<outbox id>). Shows the text,
// proposes how to file it (chat / email / note, a one-line summary) and lists
// the open cases, the current site's first; the one the text names by its order
// number, or else the site's only open case, is preselected (shared/case-match.js). "Log to case"
// hands it to the background worker, which keeps it in the outbox until
// Refund Tracker accepts it — the same way as a tracked order.

import { ask, MSG } from '../shared/messages.js';
import { el, fill, showNotice, withCode } from '../shared/dom.js';
import { defaultDirection, guessChannel, summaryFromText } from '../shared/communication.js';
import { daysLeftText } from '../shared/deadlines.js';
import { preselectCase } from '../shared/case-match.js';

const $ = (id) => document.getElementById(id);
const form = $('log-form');
const params = new URLSearchParams(location.search);

const state = {
  draftId: params.get('draft') || '', // the selection, until it is in the outbox
  entryId: params.get('entry') || '', // the outbox entry, once there is one
  communicationId: params.get('entry') || null, // made at the first "Log to case" click, kept for resends
  host: null,
  siteCaseIds: new Set(),
  cases: new Map(), // id -> the case as listed
  goneCaseId: null, // the case Refund Tracker said is not there (404)
};
let searchTimer = null;

function setResult(look, ...content) {
  showNotice($('result'), look, ...content);
}

function caseTitle(c) {
  const name = c.product || (c.vendor && c.vendor.name) || c.label || 'Refund case';
  return c.order_number ? `${name} · order ${c.order_number}` : name;
}

function renderCases(cases, selectedId) {
  const listed = cases.filter((c) => c.id !== state.goneCaseId);
  for (const c of listed) state.cases.set(c.id, c);
  const ordered = [...listed].sort((a, b) => Number(state.siteCaseIds.has(b.id)) - Number(state.siteCaseIds.has(a.id))
    || (a.days_left ?? Infinity) - (b.days_left ?? Infinity));
  $('cases-status').textContent = ordered.length ? `${ordered.length} open ${ordered.length === 1 ? 'case' : 'cases'}.`
    : 'No open case matches. Track the order from its confirmation page first, or search differently.';
  fill($('cases'), ordered.map((c) => {
    const id = `case-${c.id}`;
    const parties = [c.vendor && c.vendor.name, c.seller && c.seller.name].filter(Boolean).join(' / ');
    return el('label', { className: 'case', htmlFor: id },
      el('input', { type: 'radio', name: 'case_id', id, value: c.id, checked: c.id === selectedId }),
      el('span', {},
        el('strong', {}, caseTitle(c)),
        state.siteCaseIds.has(c.id) ? el('span', { className: 'here' }, 'this site') : null,
        el('br'),
        el('span', { className: 'muted' }, [parties, c.status_label || c.status, c.deadline ? daysLeftText(c.days_left) : null].filter(Boolean).join(' · '))));
  }));
}

function selectedCaseId() {
  const checked = form.querySelector('input[name="case_id"]:checked');
  return checked ? checked.value : null;
}

/** Says why the list is the last known one (Refund Tracker not running, not paired...), or hides the note. */
function showOffline(offline, count) {
  const box = $('connection');
  box.hidden = !offline;
  if (!offline) return;
  box.className = 'notice warn';
  const retry = el('button', { type: 'button', onclick: () => loadCases($('search').value.trim()) }, 'List the cases again');
  fill(box,
    el('p', {}, withCode(offline.message)),
    el('p', { className: 'muted' }, count
      ? 'These are the open cases as Refund Tracker last listed them. What you log waits in this browser and is sent when Refund Tracker is running.'
      : 'No open case is known in this browser yet: start Refund Tracker, then list the cases again. Your text stays here.'),
    el('div', { className: 'actions' }, retry));
}

/** Lists the open cases (matching `query`); keeps the selection, or preselects the case `text` belongs to. */
async function loadCases(query, { selectedId = selectedCaseId(), preselectFor = null } = {}) {
  try {
    const [all, here] = await Promise.all([
      ask(MSG.OPEN_CASES, query ? { q: query } : {}),
      state.host ? ask(MSG.OPEN_CASES, { domain: state.host }) : Promise.resolve({ cases: [] }),
    ]);
    state.siteCaseIds = new Set(here.cases.map((c) => c.id));
    showOffline(all.offline, all.cases.length);
    const preferred = selectedId && all.cases.some((c) => c.id === selectedId) ? selectedId : null;
    const candidates = all.cases.filter((c) => c.id !== state.goneCaseId);
    const proposed = preselectFor === null ? null : preselectCase(candidates, { siteCaseIds: state.siteCaseIds, text: preselectFor });
    renderCases(all.cases, preferred || proposed);
  } catch (error) {
    $('cases-status').textContent = error.message;
  }
}

function fillForm({ channel, direction, summary, body, reference }) {
  form.elements.channel.value = channel;
  form.elements.direction.value = direction || defaultDirection(channel);
  form.elements.summary.value = summary || '';
  form.elements.body.value = body || '';
  form.elements.reference.value = reference || '';
}

function showFieldErrors(fields) {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  let first = null;
  for (const [name, message] of Object.entries(fields || {})) {
    const input = form.elements[name];
    if (!input || !input.insertAdjacentElement) continue;
    input.setAttribute('aria-invalid', 'true');
    input.insertAdjacentElement('afterend', el('p', { className: 'field-error' }, message));
    first = first || input;
  }
  if (first) first.focus();
}

function closeButton() {
  const close = el('button', { type: 'button', className: 'primary', onclick: () => window.close() }, 'Close');
  $('result').append(el('div', { className: 'actions' }, close));
  close.focus();
}

function caseGoneText(label) {
  return `“${label || 'That case'}” is no longer in Refund Tracker (it was removed, or Refund Tracker now uses another data folder). `
    + 'Choose another case and press “Log to case” again, or discard this.';
}

/** A refusal: what to fix, and the way out (another case, or discarding it). */
function showRefusal(error, caseLabel) {
  $('discard').hidden = false;
  if (error && error.status === 404) {
    state.goneCaseId = selectedCaseId() || state.goneCaseId;
    setResult('bad', caseGoneText(caseLabel));
    loadCases($('search').value.trim(), { selectedId: null });
    $('search').focus();
    return;
  }
  setResult('bad', `Refund Tracker refused this: ${error ? error.message : 'invalid data'}`,
    'Fix it and press “Log to case” again, or discard it.');
  showFieldErrors(error && error.fields);
}

/** From now on this window works on the outbox entry (the draft is gone once the entry holds the text). */
function useEntry(id) {
  state.entryId = id;
  state.draftId = '';
  history.replaceState(null, '', `?entry=${encodeURIComponent(id)}`);
}

async function startFromDraft() {
  const draft = await ask(MSG.SELECTION_DRAFT, { draft_id: state.draftId });
  state.host = draft.host;
  $('source').textContent = draft.page_title || draft.host ? `From ${draft.page_title || ''}${draft.host ? ` (${draft.host})` : ''}` : '';
  const channel = guessChannel(draft.text);
  fillForm({ channel, summary: summaryFromText(draft.text), body: draft.text });
  await loadCases('', { selectedId: null, preselectFor: draft.text });
}

async function startFromEntry() {
  const entry = await ask(MSG.OUTBOX_ENTRY, { id: state.entryId });
  if (entry.kind !== 'communication') throw new Error('This is not a logged selection.');
  const p = entry.payload;
  fillForm({ channel: p.channel, direction: p.direction, summary: p.summary, body: p.body, reference: p.reference });
  $('source').textContent = `Logged ${new Date(p.at || entry.created_at).toLocaleString()}, not sent yet.`;
  if (entry.state === 'pending') {
    form.hidden = true;
    setResult('warn', `Waiting to be logged to “${entry.context.case_label || 'its case'}”: it is sent when Refund Tracker is running.`);
    closeButton();
    return;
  }
  if (entry.last_error && entry.last_error.status === 404) state.goneCaseId = entry.context.case_id;
  await loadCases('', { selectedId: entry.context.case_id });
  showRefusal(entry.last_error, entry.context.case_label);
}

async function start() {
  try {
    await (state.entryId ? startFromEntry() : startFromDraft());
  } catch (error) {
    form.hidden = true;
    setResult('bad', error.message);
    return;
  }
  if (!form.hidden) (selectedCaseId() ? form.elements.summary : $('search')).focus();
}

async function log(event) {
  event.preventDefault();
  const caseId = selectedCaseId();
  if (!caseId) {
    setResult('bad', 'Choose the case this belongs to.');
    $('search').focus();
    return;
  }
  const caseLabel = state.cases.has(caseId) ? caseTitle(state.cases.get(caseId)) : null;
  state.communicationId = state.communicationId || crypto.randomUUID();
  const button = $('log');
  button.disabled = true;
  setResult(null);
  showFieldErrors(null);
  let answer;
  try {
    answer = await ask(MSG.LOG_COMMUNICATION, {
      communication_id: state.communicationId,
      draft_id: state.draftId || undefined,
      case_id: caseId,
      case_label: caseLabel,
      channel: form.elements.channel.value,
      direction: form.elements.direction.value,
      summary: form.elements.summary.value,
      body: form.elements.body.value,
      reference: form.elements.reference.value,
    });
  } catch (error) {
    setResult('bad', error.message);
    showFieldErrors(error.fields);
    button.disabled = false;
    return;
  }
  useEntry(state.communicationId);
  if (answer.outcome === 'rejected') {
    showRefusal(answer.error, caseLabel);
    button.disabled = false;
    return;
  }
  form.hidden = true;
  $('connection').hidden = true;
  if (answer.outcome === 'queued') {
    setResult('warn', 'Saved in the browser, not sent yet.', answer.error ? answer.error.message : 'Refund Tracker did not answer.',
      `It is logged to “${caseLabel || 'the case'}” once Refund Tracker is running and this browser is paired; `
      + 'nothing is lost if you close the browser. You can close this window.');
  } else {
    setResult('ok', `Logged to “${answer.case ? caseTitle(answer.case) : caseLabel}”. You can close this window.`);
  }
  closeButton();
}

async function discard() {
  const button = $('discard');
  if (button.dataset.confirm !== 'yes') {
    button.dataset.confirm = 'yes';
    button.textContent = 'Really discard?';
    return;
  }
  try {
    await ask(MSG.DISCARD, { id: state.entryId });
  } catch (error) {
    setResult('bad', error.message);
    return;
  }
  form.hidden = true;
  $('connection').hidden = true;
  setResult('ok', 'Discarded: nothing was logged.');
  closeButton();
}

form.addEventListener('submit', log);
$('cancel').addEventListener('click', () => window.close());
$('discard').addEventListener('click', discard);
$('search').addEventListener('input', (event) => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => loadCases(event.target.value.trim()), 300);
});
start().catch((error) => setResult('bad', error.message));
