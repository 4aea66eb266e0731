// The manifest: loads in Chromium and Firefox, asks for as little as it can,
// names only files that exist, loads no remote code; and `web-ext lint`
// (Mozilla's add-on linter) finds nothing but the one expected warning.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { EXTENSION_DIR } from './helpers.js';
import { DEFAULT_PORT, portsInPatterns, serverOrigin } from '../src/shared/server-access.js';

const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
const run = promisify(execFile);

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

test('Manifest V3 with a background that runs in both browsers', () => {
  assert.equal(manifest.manifest_version, 3);
  const background = manifest.background;
  assert.equal(background.service_worker, 'src/background/background.js', 'Chromium: a service worker');
  assert.deepEqual(background.scripts, ['src/background/background.js'], 'Firefox: an event page');
  assert.equal(background.type, 'module');
  assert.match(manifest.browser_specific_settings.gecko.id, /^[\w.-]+@[\w.-]+$/);
});

test('only the permissions it needs; the only host is the server on its default port', () => {
  assert.deepEqual([...manifest.permissions].sort(), ['activeTab', 'alarms', 'contextMenus', 'notifications', 'scripting', 'storage']);
  // No other port: other local web apps are not the extension's business.
  assert.deepEqual(manifest.host_permissions, [`http://127.0.0.1:${DEFAULT_PORT}/*`]);
  // Another port is granted at runtime from the settings page (in Firefox, which has no
  // ports in patterns, 127.0.0.1 on any port); nothing else may be asked for.
  assert.deepEqual(manifest.optional_host_permissions, ['http://127.0.0.1/*']);
  // Site badges need the tabs' addresses, never a page's content: "tabs", not hosts.
  assert.deepEqual(manifest.optional_permissions, ['tabs']);
  for (const key of ['content_scripts', 'web_accessible_resources',
    'externally_connectable', 'content_security_policy']) {
    assert.equal(manifest[key], undefined, `${key} is not needed`);
  }
});

test('the server origin asked for: one port where patterns have ports, all of 127.0.0.1 in Firefox', () => {
  assert.equal(serverOrigin(5000, true), 'http://127.0.0.1:5000/*');
  assert.equal(serverOrigin(5000, false), 'http://127.0.0.1/*');
  assert.equal(portsInPatterns({ runtime: {} }), true);
  assert.equal(portsInPatterns({ runtime: { getBrowserInfo() {} } }), false);
  // What Chromium asks for at runtime lies within what the manifest allows asking for.
  assert.ok(manifest.optional_host_permissions.includes(serverOrigin(5000, false)));
});

test('every file the manifest and the pages name exists', () => {
  const named = [
    manifest.background.service_worker, ...manifest.background.scripts, manifest.action.default_popup,
    manifest.options_ui.page, ...Object.values(manifest.icons), ...Object.values(manifest.action.default_icon),
  ];
  for (const file of named) assert.ok(existsSync(join(EXTENSION_DIR, file)), file);
  const pages = filesUnder(join(EXTENSION_DIR, 'src')).filter((f) => f.endsWith('.html'));
  assert.ok(pages.length >= 3);
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    for (const [, ref] of html.matchAll(/(?:src|href)="([^"#]+)"/g)) {
      assert.ok(!/^[a-z]+:/i.test(ref), `${relative(EXTENSION_DIR, page)} loads ${ref} from elsewhere`);
      assert.ok(existsSync(join(dirname(page), ref)), `${relative(EXTENSION_DIR, page)}: ${ref} is missing`);
    }
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${relative(EXTENSION_DIR, page)} has an inline script`);
  }
});

test('no remote code and no code from strings', () => {
  const sources = filesUnder(join(EXTENSION_DIR, 'src')).filter((f) => f.endsWith('.js'));
  for (const file of sources) {
    const code = readFileSync(file, 'utf8');
    assert.doesNotMatch(code, /\beval\s*\(|new\s+Function\s*\(|importScripts\s*\(|import\s*\(\s*['"`]https?:/, relative(EXTENSION_DIR, file));
  }
  // One module makes requests, and only the background worker imports it.
  const requesting = sources.filter((f) => /\bfetch\b|XMLHttpRequest|WebSocket|sendBeacon/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(requesting.map((f) => relative(EXTENSION_DIR, f)), ['src/background/server-client.js']);
  const importers = sources.filter((f) => readFileSync(f, 'utf8').includes('/server-client.js'));
  for (const file of importers) assert.match(relative(EXTENSION_DIR, file), /^src\/background\//);
});

test('web-ext lint: no errors, and only the warning that Firefox ignores service_worker', { timeout: 120_000 }, async () => {
  const webExt = join(EXTENSION_DIR, 'node_modules', '.bin', 'web-ext');
  const args = ['lint', '--source-dir', '.', '--output', 'json', '--ignore-files', 'test/**', 'tools/**', 'e2e/**',
    'package.json', 'package-lock.json'];
  let stdout;
  try {
    ({ stdout } = await run(webExt, args, { cwd: EXTENSION_DIR, maxBuffer: 16 * 1024 * 1024 }));
  } catch (error) {
    assert.fail(`web-ext lint failed (exit ${error.code}):\n${error.stdout}\n${error.stderr}`);
  }
  const report = JSON.parse(stdout.slice(stdout.indexOf('{')));
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.notices, []);
  assert.deepEqual(report.warnings.map((w) => w.code), ['BACKGROUND_SERVICE_WORKER_IGNORED']);
});
