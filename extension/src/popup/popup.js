// The popup: reads the order on the current tab, lets the user correct it,
// shows the refund deadline the server would give it, and tracks it.
// It never calls the server itself: every question goes to the background
// worker (shared/messages.js), which checks the server's identity first.

import { ext } from '../shared/browser-api.js';
import { ask, MSG } from '../shared/messages.js';
import { connectionLook, el, fill, showNotice } from '../shared/dom.js';
import { captureFromForm, formValuesFromExtraction, FORM_FIELDS } from '../shared/capture.js';
import { deadlineSentence, policySentence, urgency, whoRefundsSentence, daysLeftText } from '../shared/deadlines.js';
import { differencesSentence } from '../shared/differences.js';
import { cleanItems, itemsPreview } from '../shared/line-items.js';
import { readOrderFromTab, readPageText, targetTab } from './read-page.js';
import { checkPage } from '../shared/lookalike.js';
import { channelLines, countryOfLanguage } from '../shared/official-channels.js';
import { Learning, learntSentence, rulesFor } from './learning.js';

const $ = (id) => document.getElementById(id);
const form = $('capture-form');
const trackButton = $('track');
const learning = new Learning(); // learning from the user's corrections (learning.js)

const state = {
  tab: null,
  extraction: null, // extractOrder()'s result, or null when the page could not be read
  captureId: null, // made on the first Track click; kept until the capture is accepted or queued
  connected: false,
  siteCases: [],
  previewKey: null,
};

// -- connection and outbox -------------------------------------------------------------------

function renderConnection(connection) {
  const parts = [connection.message];
  if (connection.state === 'offline') {
    parts.push(el('p', { className: 'muted' }, 'You can still track this order: it waits in the browser and is sent when Refund Tracker starts.'));
  }
  if (['not_paired', 'unknown_pairing', 'impostor'].includes(connection.state)) {
    parts.push(el('div', { className: 'actions' },
      el('button', { type: 'button', onclick: () => ext.runtime.openOptionsPage() }, 'Open settings to pair')));
  }
  showNotice($('connection'), connectionLook(connection.state), ...parts);
}

function describeEntry(entry) {
  if (entry.state === 'rejected') {
    if (entry.kind === 'communication' && entry.last_error && entry.last_error.status === 404) {
      return 'Not logged: that case is no longer in Refund Tracker. Edit it to choose another case.';
    }
    return `Refused by Refund Tracker: ${entry.last_error ? entry.last_error.message : 'invalid data'}`;
  }
  if (!entry.attempts) return 'Waiting to be sent.';
  const next = new Date(entry.next_attempt_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `Not sent yet (tried ${entry.attempts} ${entry.attempts === 1 ? 'time' : 'times'}; next try at ${next}).`;
}

function renderOutbox(entries) {
  const section = $('outbox');
  section.hidden = entries.length === 0;
  $('send-now').hidden = !entries.some((e) => e.state === 'pending');
  fill($('outbox-list'), entries.map((entry) => {
    const actions = el('div', { className: 'actions' });
    if (entry.state === 'rejected') {
      actions.append(el('button', { type: 'button', onclick: () => editEntry(entry) }, 'Edit'));
    }
    const discard = el('button', { type: 'button', className: 'danger' }, 'Discard');
    discard.addEventListener('click', async () => {
      if (discard.dataset.confirm !== 'yes') {
        discard.dataset.confirm = 'yes';
        discard.textContent = 'Really discard?';
        return;
      }
      await ask(MSG.DISCARD, { id: entry.id });
      await refreshStatus();
    });
    actions.append(discard);
    return el('li', {}, el('strong', {}, entry.label), el('br'), el('span', { className: 'muted' }, describeEntry(entry)), actions);
  }));
}

function editEntry(entry) {
  if (entry.kind === 'communication') {
    // A logged selection is fixed where it was made: the chooser, opened on this entry.
    ext.tabs.create({ url: ext.runtime.getURL(`src/chooser/chooser.html?entry=${encodeURIComponent(entry.id)}`) });
    return;
  }
  const capture = entry.payload;
  fillForm(formValuesFromExtraction(capture));
  state.captureId = entry.id;
  learning.forget();
  state.extraction = { ...(state.extraction || {}), page_url: capture.page_url || null, page_title: capture.page_title || null,
    found: capture.source !== 'manual', source: capture.source, confidence: capture.confidence ?? null,
    items: capture.items || null };
  renderItems(state.extraction.items);
  showFieldErrors(entry.last_error && entry.last_error.fields);
  setResult('warn', 'Fix the fields Refund Tracker refused, then press Track.');
  trackButton.disabled = false;
  trackButton.textContent = 'Track';
  schedulePreview();
}

async function refreshStatus() {
  const status = await ask(MSG.STATUS);
  renderConnection(status.connection);
  state.connected = status.connection.state === 'ok';
  renderOutbox(status.outbox);
  return status;
}

async function sendWaiting() {
  const button = $('send-now');
  button.disabled = true;
  try {
    const report = await ask(MSG.SEND_NOW);
    if (report.error && report.delivered === 0) setResult('warn', report.error.message);
  } catch (error) {
    setResult('bad', error.message);
  } finally {
    button.disabled = false;
    await refreshStatus();
  }
}

// -- the form ------------------------------------------------------------------------------------

function fillForm(values) {
  for (const { name } of FORM_FIELDS) {
    const input = form.elements[name];
    if (input) input.value = values[name] ?? '';
  }
}

/** The page's line items, read-only: what will be tracked with the order (as it will be sent). */
function renderItems(items) {
  const { lines, more } = itemsPreview(cleanItems(items));
  $('items').hidden = lines.length === 0;
  fill($('items-list'), lines.map((line) => el('li', {}, line)),
    more > 0 ? el('li', { className: 'muted' }, `and ${more} more`) : null);
}

function readForm() {
  const values = {};
  for (const { name } of FORM_FIELDS) values[name] = form.elements[name] ? form.elements[name].value : '';
  return values;
}

function showFieldErrors(errors) {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  }
  let first = null;
  for (const [name, message] of Object.entries(errors || {})) {
    const input = form.elements[name];
    if (!input) continue;
    const id = `${name}-error`;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    input.insertAdjacentElement('afterend', el('p', { id, className: 'field-error' }, message));
    first = first || input;
  }
  if (first) first.focus();
}

function setResult(look, ...content) {
  showNotice($('result'), look, ...content);
}

function describePage(read) {
  if (!read.readable) {
    return 'This page cannot be read by extensions (a browser page, the web store or a PDF viewer). '
      + 'Type the order details below to track it anyway.';
  }
  if (read.result.found) {
    return 'Found an order on this page. Check the details, correct anything wrong, then press Track.';
  }
  return 'This page does not look like an order confirmation. If it is one, type the details below and press Track.';
}

// -- the deadline preview ------------------------------------------------------------------------

let previewTimer = null;

function schedulePreview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => updatePreview().catch(() => {}), 350);
}

async function updatePreview() {
  const values = readForm();
  const query = {
    url: (state.extraction && state.extraction.page_url) || '',
    product: values.product,
    merchant: values.merchant_name,
    seller: values.seller_name,
    order_date: values.order_date,
    currency: values.currency,
  };
  const key = JSON.stringify(query);
  if (key === state.previewKey) return;
  state.previewKey = key;
  const deadlineText = $('deadline-text');
  const policyText = $('policy-text');
  if (!state.connected) {
    deadlineText.className = 'deadline urgency-unknown';
    deadlineText.textContent = 'The refund deadline is shown once Refund Tracker is running and paired.';
    policyText.textContent = '';
    return;
  }
  let match;
  try {
    match = await ask(MSG.POLICY_MATCH, query);
  } catch (error) {
    deadlineText.className = 'deadline urgency-unknown';
    deadlineText.textContent = `No deadline: ${error.message}`;
    policyText.textContent = '';
    state.previewKey = null;
    return;
  }
  if (key !== state.previewKey) return; // the form changed meanwhile
  if (!match) {
    deadlineText.className = 'deadline urgency-unknown';
    deadlineText.textContent = 'Fill in the product or shop to see the refund deadline.';
    policyText.textContent = '';
    return;
  }
  deadlineText.className = `deadline urgency-${urgency(match)}`;
  deadlineText.textContent = match.deadline ? deadlineSentence(match)
    : (match.notes && match.notes[0]) || 'No refund deadline is known for this order yet.';
  const details = [policySentence(match), whoRefundsSentence(match)].filter(Boolean);
  if (match.match && match.match.is_default) details.push('no policy specific to this shop is known; this is the general rule');
  if (!values.order_date && match.deadline) details.push('counted from today: add the order date');
  policyText.textContent = details.join(' · ');
}

// -- cases already open on this site ----------------------------------------------------------

function renderSiteCases(cases) {
  state.siteCases = cases;
  $('site-cases').hidden = cases.length === 0;
  fill($('site-cases-list'), cases.map((c) => el('li', {},
    el('strong', {}, c.product || (c.vendor && c.vendor.name) || 'Refund case'),
    c.order_number ? ` · order ${c.order_number}` : '',
    el('br'),
    el('span', { className: `urgency-${urgency(c)}` }, c.deadline ? deadlineSentence(c) : 'deadline not known'),
    el('span', { className: 'muted' }, ` · ${c.status_label || c.status}`))));
  noteAlreadyTracked();
}

function noteAlreadyTracked() {
  const number = form.elements.order_number.value.trim();
  const existing = number && state.siteCases.find((c) => c.order_number === number);
  const note = $('already-tracked');
  if (note) note.remove();
  if (existing) {
    $('page-status').after(el('p', { id: 'already-tracked', className: 'notice ok' },
      `This order is already tracked (${existing.status_label || existing.status}, ${daysLeftText(existing.days_left) || 'deadline not known'}). `
      + 'Tracking it again adds what changed to the same case.'));
  }
}

// -- tracking ----------------------------------------------------------------------------------

const OUTCOME_TEXT = {
  created: 'Tracked: a new refund case was created.',
  merged: 'Already tracked: this order\'s case was updated with what is new.',
  unchanged: 'Already tracked: this capture was saved before, nothing changed.',
};

async function track(event) {
  event.preventDefault();
  state.captureId = state.captureId || crypto.randomUUID();
  const { capture, errors } = captureFromForm(readForm(), { capture_id: state.captureId, extraction: state.extraction });
  showFieldErrors(errors);
  if (errors) {
    setResult('bad', 'Some fields need fixing before this can be tracked.');
    return;
  }
  trackButton.disabled = true;
  trackButton.textContent = 'Tracking…';
  setResult(null);
  let answer;
  try {
    answer = await ask(MSG.TRACK, { capture });
  } catch (error) {
    showFieldErrors(error.fields);
    setResult('bad', error.message);
    trackButton.disabled = false;
    trackButton.textContent = 'Track';
    return;
  }
  if (answer.outcome === 'rejected') {
    showFieldErrors(answer.error && answer.error.fields);
    setResult('bad', `Refund Tracker refused this capture: ${answer.error ? answer.error.message : 'invalid data'}`,
      'Fix it and press Track again, or discard it from the list above.');
    trackButton.disabled = false;
    trackButton.textContent = 'Track';
  } else if (answer.outcome === 'queued') {
    const why = answer.error ? answer.error.message : 'Refund Tracker did not answer.';
    setResult('warn', 'Saved in the browser, not sent yet.', why,
      'It is sent automatically once Refund Tracker is running and this browser is paired; nothing is lost if you close the browser.');
    trackButton.textContent = 'Saved';
    state.captureId = null;
  } else {
    const c = answer.case;
    const differ = answer.outcome === 'merged'
      ? differencesSentence(answer.differences, { caseCurrency: c && c.currency, pageCurrency: capture.currency })
      : null;
    const lines = [differ || OUTCOME_TEXT[answer.outcome] || 'Tracked.'];
    if (c) {
      lines.push(el('p', { className: `urgency-${urgency(c)}` }, deadlineSentence(c)));
      const who = whoRefundsSentence(c);
      if (who) lines.push(`${who}.`);
    }
    setResult(differ ? 'warn' : 'ok', ...lines);
    trackButton.textContent = 'Tracked';
    state.captureId = null;
  }
  if (answer.outcome !== 'rejected' && state.tab) {
    const learnt = learntSentence(await learning.learnFrom(state.tab.id, capture));
    if (learnt) $('result').append(el('p', { className: 'muted', id: 'learnt' }, learnt));
  }
  await refreshStatus().catch(() => {});
  if (state.connected && state.tab) loadSiteCases().catch(() => {});
}

async function loadSiteCases() {
  const url = state.extraction && state.extraction.page_url;
  if (!url) return;
  const answer = await ask(MSG.SITE_CASES, { url, tab_id: state.tab && Number.isInteger(state.tab.id) ? state.tab.id : null });
  renderSiteCases(answer.cases);
}

// -- start ---------------------------------------------------------------------------------------

function onEdit(event) {
  if (trackButton.textContent !== 'Tracking…') {
    trackButton.disabled = false;
    trackButton.textContent = 'Track';
  }
  if (event.target && event.target.name === 'order_number') noteAlreadyTracked();
  schedulePreview();
}

// -- the look-alike guard ----------------------------------------------------------------------

/** The official channels of a party, for the user's country first, each with its source. */
function renderChannels(list, party) {
  fill(list, channelLines(party, countryOfLanguage(navigator.language)).map((line) => el('li', {},
    el('strong', {}, line.party && line.party !== party.name ? `${line.kind} (${line.party}): ` : `${line.kind}: `), line.label, line.value ? ' — ' : '',
    line.href ? el('a', { href: line.href, target: '_blank', rel: 'noopener' }, line.value) : line.value,
    line.detail ? el('span', { className: 'muted' }, ` (${line.detail})`) : null,
    line.source && line.source !== line.href
      ? el('div', { className: 'source muted' }, 'Source: ', el('a', { href: line.source, target: '_blank', rel: 'noopener' }, line.source)) : null)));
}

/**
 * On a page that uses a catalog party's name without being one of its sites, and speaks of
 * support, refunds, phone numbers or billing: the warning and the official channels, instead
 * of the capture form. True when it warned.
 */
async function guardAgainstLookalike(url, text) {
  if (!url || text === null) return false;
  let table;
  try {
    table = await ask(MSG.OFFICIAL_TABLE);
  } catch {
    return false;
  }
  const verdict = checkPage(url, table && table.parties, text);
  if (!verdict.lookalike) return false;
  const { party } = verdict;
  $('lookalike-title').textContent = `This is not ${party.name}’s website`;
  $('lookalike-why').textContent = `${verdict.domain} uses the name “${party.name}” but is not one of its official sites `
    + `(${party.official_domains.join(', ')}). Do not call a number, pay or give card details here.`;
  $('lookalike-channels-title').textContent = `${party.name}’s official channels`;
  renderChannels($('lookalike-channels'), party);
  $('lookalike').hidden = false;
  form.hidden = true;
  $('page-status').textContent = 'Nothing is captured from this page.';
  $('lookalike-show-form').addEventListener('click', () => {
    form.hidden = false;
    $('lookalike-show-form').hidden = true;
  }, { once: true });
  return true;
}

async function start() {
  $('open-settings').addEventListener('click', () => ext.runtime.openOptionsPage());
  $('send-now').addEventListener('click', sendWaiting);
  form.addEventListener('submit', track);
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);

  state.tab = await targetTab();
  const [status, read] = await Promise.all([
    refreshStatus().catch((error) => {
      renderConnection({ state: 'error', message: error.message });
      return null;
    }),
    state.tab && Number.isInteger(state.tab.id) ? readOrderFromTab(state.tab.id, { rulesFor }) : Promise.resolve({ readable: false, reason: 'no tab' }),
  ]);
  state.extraction = read.readable ? read.result : { found: false, page_url: (state.tab && state.tab.url) || null, page_title: null };
  $('page-status').textContent = describePage(read);
  learning.remember(read);
  learning.showUsed($('page-status'));
  if (!read.readable) $('page-status').append(el('span', { className: 'hint' }, `(${read.reason})`));
  fillForm(formValuesFromExtraction(read.readable ? read.result : null));
  renderItems(state.extraction.items);
  const warned = read.readable && await guardAgainstLookalike(read.result.page_url || (state.tab && state.tab.url),
    await readPageText(state.tab.id));
  const firstEmpty = warned ? $('lookalike-show-form') : read.readable && read.result.found ? trackButton : form.elements.product;
  firstEmpty.focus();
  await updatePreview().catch(() => {});
  if (state.connected) {
    loadSiteCases().catch(() => {});
    if (status && status.outbox.some((e) => e.state === 'pending')) sendWaiting();
  }
}

start().catch((error) => setResult('bad', `The popup could not start: ${error.message}`));
