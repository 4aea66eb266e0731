// The settings page's list of what the user's corrections taught (see
// popup/learning.js): per site, each field with where it is read (the label
// next to it, in words), the example value it was learnt from and when;
// remove one, or all of a site's; export them all as a JSON file, import one.

import { ask, MSG } from '../shared/messages.js';
import { el, fill, showNotice } from '../shared/dom.js';
import { FORM_FIELDS } from '../shared/capture.js';
import { describeAnchor } from '../extract/learn/rule.js';

const $ = (id) => document.getElementById(id);
const FIELD_LABELS = Object.fromEntries(FORM_FIELDS.map((f) => [f.name, f.label]));

function setResult(look, text) {
  showNotice($('learned-result'), look, text);
}

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

function confirmingButton(text, confirmText, label, action) {
  const button = el('button', { type: 'button', className: 'danger', 'aria-label': label }, text);
  button.addEventListener('click', async () => {
    if (button.dataset.confirm !== 'yes') {
      button.dataset.confirm = 'yes';
      button.textContent = confirmText;
      return;
    }
    button.disabled = true;
    try {
      await action();
    } catch (error) {
      setResult('bad', error.message);
    }
    await showLearned();
  });
  return button;
}

function siteSection({ site, rules }) {
  const rows = rules.map((rule) => {
    const field = FIELD_LABELS[rule.field] || rule.field;
    const remove = el('button', { type: 'button', 'aria-label': `Remove what was learnt for the ${field.toLowerCase()} on ${site}` }, 'Remove');
    remove.addEventListener('click', async () => {
      remove.disabled = true;
      try {
        await ask(MSG.LEARNED_REMOVE, { site, id: rule.id });
        setResult('ok', `Removed: the ${field.toLowerCase()} on ${site} is read as before you corrected it.`);
      } catch (error) {
        setResult('bad', error.message);
      }
      await showLearned();
    });
    return el('tr', {},
      el('td', {}, field),
      el('td', {}, describeAnchor(rule.anchor)),
      el('td', {}, rule.example || ''),
      el('td', {}, when(rule.learned_at)),
      el('td', {}, remove));
  });
  const forget = confirmingButton(`Forget all for ${site}`, `Really forget all ${rules.length} for ${site}?`,
    `Forget everything learnt on ${site}`, async () => {
      await ask(MSG.LEARNED_REMOVE, { site });
      setResult('ok', `Forgot everything learnt on ${site}.`);
    });
  return el('section', { className: 'learned-site', 'aria-label': `Learnt on ${site}` },
    el('h3', {}, site),
    el('table', {},
      el('thead', {}, el('tr', {}, el('th', {}, 'Field'), el('th', {}, 'Read'), el('th', {}, 'Example'), el('th', {}, 'Learnt'),
        el('th', {}, el('span', { className: 'visually-hidden' }, 'Remove')))),
      el('tbody', {}, rows)),
    el('div', { className: 'row' }, forget));
}

export async function showLearned() {
  const { sites } = await ask(MSG.LEARNED_LIST);
  $('learned-empty').hidden = sites.length > 0;
  $('learned-export').disabled = sites.length === 0;
  fill($('learned-list'), sites.map(siteSection));
}

async function exportFile() {
  try {
    const data = await ask(MSG.LEARNED_EXPORT);
    const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = el('a', { href: url, download: `refund-tracker-learned-fields-${data.exported_at.slice(0, 10)}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    const count = Object.values(data.sites).reduce((n, rules) => n + rules.length, 0);
    setResult('ok', `Exported ${count} learnt ${count === 1 ? 'field' : 'fields'} of ${Object.keys(data.sites).length} `
      + `${Object.keys(data.sites).length === 1 ? 'site' : 'sites'}. The file holds labels and example values from your order pages: keep it private.`);
  } catch (error) {
    setResult('bad', error.message);
  }
}

async function importFile(event) {
  const [file] = event.target.files;
  event.target.value = '';
  if (!file) return;
  try {
    if (file.size > 5 * 1024 * 1024) throw new Error('This file is too large to be an export of learnt fields.');
    let data;
    try {
      data = JSON.parse(await file.text());
    } catch {
      throw new Error('This file is not JSON: choose a file exported from this page.');
    }
    const { sites, rules } = await ask(MSG.LEARNED_IMPORT, { data });
    setResult(rules ? 'ok' : 'warn', rules ? `Imported ${rules} learnt ${rules === 1 ? 'field' : 'fields'} for ${sites} ${sites === 1 ? 'site' : 'sites'}.`
      : 'Nothing in this file could be imported.');
  } catch (error) {
    setResult('bad', error.message);
  }
  await showLearned();
}

export function startLearned() {
  $('learned-export').addEventListener('click', exportFile);
  $('learned-import-button').addEventListener('click', () => $('learned-import').click());
  $('learned-import').addEventListener('change', importFile);
  showLearned().catch((error) => setResult('bad', error.message));
}
