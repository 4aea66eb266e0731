// A selection becomes a communication: the kind guessed, a one-line summary.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { communicationFromForm, defaultDirection, guessChannel, summaryFromText } from '../src/shared/communication.js';

const CHAT = `Chat with Digital River Support, case 55120
[10:02] Alex (Support): Hello, how can I help you today?
[10:03] You: I would like a refund for order 16739482210.
[10:05] Alex (Support): Done. Your refund reference is RF-88812.`;

const EMAIL = `From: Trend Micro Support <support@trendmicro.com>
Sent: Friday, 20 November 2026 10:00
To: jordan.lee@example.com
Subject: Re: Refund request for order 16739482210

Dear Jordan, your refund has been approved.`;

test('the kind: a transcript is a chat, headers make an email, anything else a note', () => {
  assert.equal(guessChannel(CHAT), 'chat');
  assert.equal(guessChannel(EMAIL), 'email');
  assert.equal(guessChannel('Called them, they said 5-7 business days.'), 'note');
  assert.equal(guessChannel('Order number: 123\nThey promised a refund by Friday and more.\nAnd then nothing.\nStill nothing.'), 'note');
  assert.equal(guessChannel(''), 'note');
  assert.equal(defaultDirection('email'), 'inbound');
  assert.equal(defaultDirection('chat'), 'none');
});

test('the summary: the subject of an email, else the first line, shortened on a word', () => {
  assert.equal(summaryFromText(CHAT), 'Chat with Digital River Support, case 55120');
  assert.equal(summaryFromText(EMAIL), 'Re: Refund request for order 16739482210');
  assert.equal(summaryFromText('\n\n   first   line  \nsecond'), 'first line');
  const long = summaryFromText('word '.repeat(60));
  assert.ok(long.length <= 121 && long.endsWith('…') && !long.includes('  '), long);
  assert.equal(summaryFromText(''), '');
});

test('the communication sent: the fields the server takes, checked', () => {
  assert.deepEqual(communicationFromForm({ channel: 'chat', direction: 'none', summary: ' Chat ', body: CHAT, reference: ' RF-1 ' }),
    { communication: { channel: 'chat', direction: 'none', summary: 'Chat', body: CHAT, reference: 'RF-1' } });
  assert.deepEqual(communicationFromForm({ channel: 'note', direction: 'sideways', summary: 'x', body: '  ' }),
    { communication: { channel: 'note', direction: 'none', summary: 'x', body: null } });
  const { errors } = communicationFromForm({ channel: 'fax', summary: ' ', body: 'x', reference: 'r'.repeat(201) });
  assert.deepEqual(Object.keys(errors).sort(), ['channel', 'reference', 'summary']);
});

test('controls the server refuses are taken out of a logged selection; line breaks, tabs and emoji stay', () => {
  const { communication } = communicationFromForm({
    channel: 'chat', direction: 'none', summary: 'Chat\twith\u001b support', reference: 'TMC\u202e-1',
    body: 'Agent: Hello\r\nMe:\tRefund please \u{1F469}\u200d\u{1F4BB}\u0007\u009b',
  });
  assert.equal(communication.summary, 'Chat with support');
  assert.equal(communication.reference, 'TMC-1');
  assert.equal(communication.body, 'Agent: Hello\r\nMe:\tRefund please \u{1F469}\u200d\u{1F4BB}');
});
