#!/usr/bin/env node
// Command-line order extractor: runs the extension's extraction code on a
// saved page and prints one JSON object (the fields a capture sends).
//
//   node tools/extract.mjs PAGE.html [--url URL] [--explain]
//
// PAGE.html may be "-" for standard input. --explain writes the evidence and
// each extractor's candidate fields to standard error.
// Exit status: 0 printed a result (found or not), 1 unreadable input, 2 bad arguments.

import { readFileSync } from 'node:fs';
import { analyzePage } from './analyze.mjs';
import { documentFromHtml, decodeHtml } from './html-document.mjs';

const USAGE = 'usage: node tools/extract.mjs PAGE.html [--url URL] [--explain]';

function fail(message, status) {
  process.stderr.write(`extract: ${message}\n`);
  process.exit(status);
}

function parseArgs(argv) {
  const options = { file: null, url: null, explain: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg === '--explain') {
      options.explain = true;
    } else if (arg === '--url' || arg.startsWith('--url=')) {
      const value = arg === '--url' ? argv[++i] : arg.slice('--url='.length);
      if (!value) fail(`--url needs a value\n${USAGE}`, 2);
      try {
        new URL(value);
      } catch {
        fail(`--url is not an absolute URL: ${value}`, 2);
      }
      options.url = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      fail(`unknown option ${arg}\n${USAGE}`, 2);
    } else if (options.file === null) {
      options.file = arg;
    } else {
      fail(`only one page can be read at a time (got ${options.file} and ${arg})\n${USAGE}`, 2);
    }
  }
  if (options.file === null) fail(`missing PAGE.html\n${USAGE}`, 2);
  return options;
}

const options = parseArgs(process.argv.slice(2));
let bytes;
try {
  bytes = readFileSync(options.file === '-' ? 0 : options.file);
} catch (error) {
  fail(`cannot read ${options.file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, 1);
}

const analysis = analyzePage(documentFromHtml(decodeHtml(bytes)), options.url);
if (options.explain) {
  const candidates = analysis.candidates.map((c) => ({ source: c.source, fields: c.fields, signals: c.signals }));
  process.stderr.write(`${JSON.stringify({ evidence: analysis.evidence, errors: analysis.errors, candidates }, null, 2)}\n`);
}
process.stdout.write(`${JSON.stringify(analysis.result, null, 2)}\n`);
