// Turning a selection (a chat transcript, an email, a note) into a
// communication for a case: {channel, direction, summary, body}. Pure.

import { stripBlockControls, stripControls } from '../extract/normalize.js';

export const CHANNELS = Object.freeze([
  { value: 'chat', label: 'Chat' },
  { value: 'email', label: 'Email' },
  { value: 'note', label: 'Note' },
]);

export const DIRECTIONS = Object.freeze([
  { value: 'inbound', label: 'From them' },
  { value: 'outbound', label: 'From me' },
  { value: 'none', label: 'Both / not applicable' },
]);

export const SUMMARY_MAX = 500; // the server's limit
const SUMMARY_WANTED = 120;
export const BODY_MAX = 500_000;

const EMAIL_HEADER = /^(from|to|subject|date|sent|cc|von|an|betreff|de|à|objet|da|oggetto|van|aan|onderwerp)\s*:/im;
// "[10:02] Alex (Support): Hello", "You: I'd like a refund", "10:05 AM Sam: ok"
const CHAT_LINE = /^\s*(\[?\d{1,2}:\d{2}(:\d{2})?\s*([ap]\.?m\.?)?\]?\s*)?[\p{L}][\p{L}\p{N} .'()_-]{0,40}:\s+\S/imu;

/** email when it has mail headers (From:, Subject:), chat when lines look like "Name: text", else note. */
export function guessChannel(text) {
  const sample = String(text ?? '').slice(0, 4000);
  if (EMAIL_HEADER.test(sample) || /^-{2,}\s*(original message|forwarded message)/im.test(sample)) return 'email';
  const lines = sample.split(/\r?\n/).filter((line) => line.trim());
  const chatty = lines.filter((line) => CHAT_LINE.test(line)).length;
  if (chatty >= 2 && chatty * 2 >= lines.length) return 'chat';
  return 'note';
}

/** The default direction for a channel: an email is usually one received, a transcript is both ways. */
export function defaultDirection(channel) {
  return channel === 'email' ? 'inbound' : 'none';
}

/** A one-line summary: the email's subject when there is one, else the first non-empty line, shortened. */
export function summaryFromText(text) {
  const lines = String(text ?? '').split(/\r?\n/).map((line) => line.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const subject = lines.find((line) => /^(subject|betreff|objet|oggetto|onderwerp)\s*:/i.test(line));
  let summary = subject ? subject.replace(/^[^:]+:\s*/, '') : lines[0] || '';
  if (!summary) return '';
  if (summary.length > SUMMARY_WANTED) {
    const cut = summary.slice(0, SUMMARY_WANTED);
    const space = cut.lastIndexOf(' ');
    summary = `${(space > SUMMARY_WANTED / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
  }
  return summary;
}

/**
 * The communication to send, or {errors} naming what is missing.
 * @param {{channel, direction, summary, body, reference}} form
 */
export function communicationFromForm(form) {
  const errors = {};
  const channel = CHANNELS.some((c) => c.value === form.channel) ? form.channel : null;
  if (!channel) errors.channel = 'Choose chat, email or note.';
  const direction = DIRECTIONS.some((d) => d.value === form.direction) ? form.direction : 'none';
  const summary = stripControls(form.summary ?? '').trim();
  if (!summary) errors.summary = 'Write a short summary (one line).';
  else if (summary.length > SUMMARY_MAX) errors.summary = `Keep the summary under ${SUMMARY_MAX} characters.`;
  const body = stripBlockControls(form.body ?? '');
  if (body.length > BODY_MAX) errors.body = `The text is too long (over ${BODY_MAX} characters).`;
  const reference = stripControls(form.reference ?? '').trim();
  if (reference.length > 200) errors.reference = 'Keep the reference under 200 characters.';
  if (Object.keys(errors).length) return { errors };
  const communication = { channel, direction, summary, body: body.trim() ? body : null };
  if (reference) communication.reference = reference;
  return { communication };
}
