// The chooser: opened by the context menu "Log selection to refund case…".
// Shows the selected text, proposes how to file it (chat / email / note, a
// one-line summary) and lists the open cases, the current site's first and
// preselected; "Log to case" asks the background worker to send it.

import { ask, MSG } from '../shared/messages.js';
import { el, fill, withCode } from '../shared/dom.js';
import { defaultDirection, guessChannel, summaryFromText } from '../shared/communication.js';
import { daysLeftText } from '../shared/deadlines.js';

const $ = (id) => document.getElementById(id);
const form = $('log-form');
const draftId = new URLSearchParams(location.search).get('draft') || '';
let siteCaseIds = new Set();
let searchTimer = null;

function setResult(look, text) {
  const box = $('result');
  box.className = look ? `notice ${look}` : '';
  fill(box, look ? el('p', {}, withCode(text)) : null);
}

function caseTitle(c) {
  const name = c.product || (c.vendor && c.vendor.name) || 'Refund case';
  return c.order_number ? `${name} · order ${c.order_number}` : name;
}

function renderCases(cases, selectedId) {
  const ordered = [...cases].sort((a, b) => Number(siteCaseIds.has(b.id)) - Number(siteCaseIds.has(a.id))
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
        siteCaseIds.has(c.id) ? el('span', { className: 'here' }, 'this site') : null,
        el('br'),
        el('span', { className: 'muted' }, [parties, c.status_label || c.status, c.deadline ? daysLeftText(c.days_left) : null].filter(Boolean).join(' · '))));
  }));
}

function selectedCaseId() {
  const checked = form.querySelector('input[name="case_id"]:checked');
  return checked ? checked.value : null;
}

async function loadCases(query) {
  try {
    const { cases } = await ask(MSG.OPEN_CASES, query ? { q: query } : {});
    renderCases(cases, selectedCaseId());
  } catch (error) {
    $('cases-status').textContent = error.message;
  }
}

async function start() {
  let draft;
  try {
    draft = await ask(MSG.SELECTION_DRAFT, { draft_id: draftId });
  } catch (error) {
    form.hidden = true;
    setResult('bad', error.message);
    return;
  }
  $('source').textContent = draft.page_title || draft.host ? `From ${draft.page_title || ''}${draft.host ? ` (${draft.host})` : ''}` : '';
  const channel = guessChannel(draft.text);
  form.elements.channel.value = channel;
  form.elements.direction.value = defaultDirection(channel);
  form.elements.summary.value = summaryFromText(draft.text);
  form.elements.body.value = draft.text;

  let all = [];
  let here = [];
  try {
    [{ cases: all }, { cases: here }] = await Promise.all([
      ask(MSG.OPEN_CASES, {}),
      draft.host ? ask(MSG.OPEN_CASES, { domain: draft.host }) : Promise.resolve({ cases: [] }),
    ]);
  } catch (error) {
    const box = $('connection');
    box.hidden = false;
    box.className = 'notice warn';
    fill(box, el('p', {}, withCode(error.message)), el('p', { className: 'muted' }, 'Your text stays here: press “Log to case” again once Refund Tracker is running.'));
    $('cases-status').textContent = 'The open cases cannot be listed right now.';
  }
  siteCaseIds = new Set(here.map((c) => c.id));
  renderCases(all, here.length ? [...here].sort((a, b) => (a.days_left ?? Infinity) - (b.days_left ?? Infinity))[0].id : null);
  (selectedCaseId() ? form.elements.summary : $('search')).focus();
}

async function log(event) {
  event.preventDefault();
  const caseId = selectedCaseId();
  if (!caseId) {
    setResult('bad', 'Choose the case this belongs to.');
    $('search').focus();
    return;
  }
  const button = $('log');
  button.disabled = true;
  setResult(null);
  try {
    const answer = await ask(MSG.LOG_COMMUNICATION, {
      draft_id: draftId,
      case_id: caseId,
      channel: form.elements.channel.value,
      direction: form.elements.direction.value,
      summary: form.elements.summary.value,
      body: form.elements.body.value,
      reference: form.elements.reference.value,
    });
    form.hidden = true;
    $('connection').hidden = true;
    setResult('ok', `Logged to “${caseTitle(answer.case)}”. You can close this window.`);
    const close = el('button', { type: 'button', className: 'primary', onclick: () => window.close() }, 'Close');
    $('result').append(el('div', { className: 'actions' }, close));
    close.focus();
  } catch (error) {
    setResult('bad', error.message);
    if (error.fields && error.fields.summary) form.elements.summary.focus();
    button.disabled = false;
  }
}

form.addEventListener('submit', log);
$('cancel').addEventListener('click', () => window.close());
$('search').addEventListener('input', (event) => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => loadCases(event.target.value.trim()), 300);
});
start().catch((error) => setResult('bad', error.message));
