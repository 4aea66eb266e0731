#!/usr/bin/env node
// Draws icons/icon-{16,32,48,128}.png: a teal rounded square holding a white
// "money back" arrow (an open ring ending in an arrow head, turning anticlockwise). No image
// library: the shape is computed per pixel (4x4 supersampled) and written as
// an RGBA PNG with node:zlib. Run after changing the drawing; the PNGs are
// committed.
//
//   node tools/make-icons.mjs

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'icons');
const SIZES = [16, 32, 48, 128];
const BACKGROUND = [0x0f, 0x6e, 0x6a];
const FOREGROUND = [0xff, 0xff, 0xff];

/** Coverage of the shapes at (x, y) in a unit square: 'bg', 'fg' or null. */
function shapeAt(x, y) {
  // Rounded square, corner radius 0.22.
  const r = 0.22;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  // Ring centred at (0.5, 0.52), radius 0.26, thickness 0.1, open at the top right.
  const dx = x - 0.5;
  const dy = y - 0.52;
  const distance = Math.hypot(dx, dy);
  const angle = (Math.atan2(dy, dx) * 180) / Math.PI; // 0 = east, 90 = south
  const onRing = Math.abs(distance - 0.26) < 0.065 && !(angle > -75 && angle < -5);
  // Arrow head at the ring's open end (angle -75 deg), pointing clockwise before the mirroring.
  const tip = { x: 0.5 + 0.26 * Math.cos((-75 * Math.PI) / 180), y: 0.52 + 0.26 * Math.sin((-75 * Math.PI) / 180) };
  const inHead = insideTriangle(x, y,
    { x: tip.x - 0.02, y: tip.y - 0.16 }, { x: tip.x - 0.02, y: tip.y + 0.16 }, { x: tip.x + 0.17, y: tip.y });
  return onRing || inHead ? 'fg' : 'bg';
}

function insideTriangle(px, py, a, b, c) {
  const side = (p, q) => (px - q.x) * (p.y - q.y) - (p.x - q.x) * (py - q.y);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  const negative = d1 < 0 || d2 < 0 || d3 < 0;
  const positive = d1 > 0 || d2 > 0 || d3 > 0;
  return !(negative && positive);
}

function render(size) {
  const samples = 4;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0 + RGBA
    for (let x = 0; x < size; x++) {
      let fg = 0;
      let bg = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          // Mirrored: the arrow turns back anticlockwise, like money coming back.
          const hit = shapeAt(1 - (x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size);
          if (hit === 'fg') fg++;
          else if (hit === 'bg') bg++;
        }
      }
      const total = samples * samples;
      const alpha = (fg + bg) / total;
      const mix = fg + bg ? fg / (fg + bg) : 0;
      const offset = 1 + x * 4;
      for (let i = 0; i < 3; i++) row[offset + i] = Math.round(BACKGROUND[i] * (1 - mix) + FOREGROUND[i] * mix);
      row[offset + 3] = Math.round(alpha * 255);
    }
    rows.push(row);
  }
  return png(size, size, Buffer.concat(rows));
}

function png(width, height, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

for (const size of SIZES) writeFileSync(join(OUT_DIR, `icon-${size}.png`), render(size));
console.log(`wrote ${SIZES.map((s) => `icon-${s}.png`).join(', ')} to ${OUT_DIR}`);
