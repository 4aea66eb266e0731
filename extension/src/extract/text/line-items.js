// What was bought, read from a receipt's table of line items, where the
// product has no label of its own and the table is the only place it shows:
//
//   Item                      | Qty | Price          a header row naming a
//   Helix Studio Mixer 5      | 1   | $129.00        product column and a
//   Subtotal                  |     | $129.00        quantity or price column
//
//   ShieldLine VPN Premium    | $95.76              no header: rows with an
//   Tax                       | $6.13               amount before the first
//   Total                     | $82.74              tax / total row
//
// Rows of totals, taxes, shipping and discounts are never products. Tables
// are read from the DOM, cell by cell, because page lines lose empty cells
// (an image column) and split a cell holding several blocks.

import { visibleLines, isShown } from '../page.js';
import { findMoney } from '../parse/money.js';

const MAX_ROWS = 400;
const MAX_TABLES = 200;
const MAX_ITEMS = 5;

const words = (list) => new Set(list);
// Column headers naming the product, best first: a name, a generic item, a description.
const HEADER_RANKS = [
  words(['product', 'product name', 'products', 'item name', 'name', 'product / service', 'product/service',
    'artikel', 'artikelname', 'artikelbezeichnung', 'bezeichnung', 'produkt', 'produktname', 'produit',
    'nom du produit', 'désignation', 'designation', 'producto', 'nombre del producto', 'artículo', 'articulo',
    'prodotto', 'articolo', 'productnaam', 'produktnamn', 'benämning', '商品', '商品名']),
  words(['item', 'items', 'plan', 'subscription', 'service', 'services', 'abonnement', 'suscripción',
    'abbonamento', 'abonnemang', 'artikelen', 'article', 'articles', 'artículos', 'articoli', 'artiklar']),
  words(['description', 'item description', 'product description', 'details', 'beschreibung',
    'description de l’article', "description de l'article", 'descripción', 'descripcion', 'descrizione',
    'omschrijving', 'beskrivning']),
];
// Headers that make the table one of line items rather than of order details.
const QUANTITY_OR_PRICE = /^(?:qty|quantity|quant|units?|seats|licen[cs]es|price|unit price|price each|each|amount|total|line total|item total|subtotal|cost|rate|menge|anzahl|stück|stk|preis|einzelpreis|stückpreis|gesamtpreis|betrag|summe|gesamt|quantité|qté|prix|prix unitaire|montant|cantidad|cant|precio|precio unitario|importe|quantità|q\.tà|qtà|prezzo|prezzo unitario|importo|aantal|prijs|stukprijs|bedrag|antal|pris|styckpris|belopp|summa|数量|価格|単価|金額|小計)$/u;
// Rows that are not products: totals, taxes, shipping, discounts, payments.
const SUMMARY = new RegExp(
  String.raw`^(?:(?:order|grand|invoice|estimated|cart|net|gross|total)\s+)?`
  + String.raw`(?:sub-?\s?total|totals?|tax(?:es)?|sales\s+tax|vat|gst|hst|pst|qst|shipping|postage|handling|delivery|`
  + String.raw`discounts?|promo(?:tion)?s?|coupons?|vouchers?|gift\s+cards?|store\s+credit|credits?|savings|you\s+saved|rounding|`
  + String.raw`balance|amount|payments?|paid|charged|fees?|surcharge|deposit|refund|`
  + String.raw`zwischensumme|gesamt(?:summe|betrag|preis)?|summe|mwst|ust|versand(?:kosten)?|rabatt|gutschein|`
  + String.raw`sous-total|tva|taxes?|livraison|remise|réduction|frais|envío|envio|descuento|iva|impuestos?|`
  + String.raw`subtotale|totale|spedizione|sconto|subtotaal|totaal|btw|verzend(?:kosten)?|korting|`
  + String.raw`delsumma|summa|totalt|moms|frakt|小計|合計|税|送料)(?![\p{L}])`,
  'iu',
);
// A code rather than a name: one token, a digit, no lower-case letter ("NPB-PLUS-1Y", "21455").
const CODE = /^[^\s\p{Ll}]*\d[^\s\p{Ll}]*$/u;

function headerKey(text) {
  return text.toLowerCase().replace(/\s*\([^)]*\)\s*$/, '').replace(/[\s:.#*]+$/, '').replace(/\s+/g, ' ').trim();
}

// The cells of a row with the columns each covers (colspan counted).
function rowCells(tr) {
  const cells = [];
  let column = 0;
  for (let el = tr.firstElementChild; el; el = el.nextElementSibling) {
    const tag = el.localName.toLowerCase();
    if (tag !== 'td' && tag !== 'th') continue;
    const span = Math.min(Math.max(parseInt(el.getAttribute('colspan') || '1', 10) || 1, 1), 50);
    const lines = visibleLines(el);
    cells.push({ start: column, end: column + span, lines, text: lines.join(' ') });
    column += span;
  }
  return cells;
}

const money = (text, locale) => findMoney(text, locale).filter((m) => m.hasCurrency || m.hasDecimals);

// The product columns a header row names, best first; null when it is not a line-item header.
function productColumns(cells, locale) {
  const filled = cells.filter((c) => c.text);
  if (filled.length < 2 || filled.some((c) => c.text.length > 40 || money(c.text, locale).length)) return null;
  const ranked = [];
  let pricing = false;
  for (const cell of filled) {
    const key = headerKey(cell.text);
    const rank = HEADER_RANKS.findIndex((set) => set.has(key));
    if (rank >= 0) ranked.push({ rank, start: cell.start, end: cell.end });
    else if (QUANTITY_OR_PRICE.test(key)) pricing = true;
  }
  if (!ranked.length || !pricing) return null;
  return ranked.sort((a, b) => a.rank - b.rank || a.start - b.start);
}

function nameIn(cell, cleanName) {
  if (!cell || SUMMARY.test(cell.text)) return null;
  for (const line of cell.lines) {
    const name = cleanName(line);
    if (name && !CODE.test(name) && !SUMMARY.test(name)) return name;
  }
  return null;
}

function isDiscount(cells, locale) {
  return cells.some((c) => money(c.text, locale).some((m) => m.amount.startsWith('-')));
}

// Rows under a header: the first usable name in the product columns, best column first.
function headedItems(rows, columns, locale, cleanName) {
  const names = [];
  for (const cells of rows) {
    if (isDiscount(cells, locale)) continue;
    for (const column of columns) {
      const name = nameIn(cells.find((c) => c.start < column.end && c.end > column.start && c.text), cleanName);
      if (name) {
        names.push(name);
        break;
      }
    }
    if (names.length === MAX_ITEMS) break;
  }
  return names;
}

// No header: rows with a name and an amount, before the first row of totals.
function unheadedItems(rows, locale, cleanName) {
  const names = [];
  for (const cells of rows) {
    const filled = cells.filter((c) => c.text);
    if (filled.length < 2) continue;
    const priced = filled.filter((c) => money(c.text, locale).length);
    if (!priced.length) continue;
    const labels = filled.filter((c) => !priced.includes(c));
    if (SUMMARY.test((labels[0] || filled[0]).text)) return names;
    if (isDiscount(cells, locale)) continue;
    const name = labels.map((c) => nameIn(c, cleanName)).find(Boolean);
    if (name && names.length < MAX_ITEMS) names.push(name);
  }
  return []; // a list of priced rows with no total under it is not a receipt
}

/**
 * Product names from the first table of line items on the page.
 * @param {Document} doc
 * @param {object} locale
 * @param {(text: string) => string|null} cleanName the product name in a cell's line, or null
 * @returns {{names: string[], headed: boolean}|null}
 */
export function findLineItems(doc, locale, cleanName) {
  // Rows grouped by their own table (a layout table's rows are not its inner table's);
  // a row holding another table lays out the page and is left out, and the
  // innermost tables, where line items are, are read first.
  const tables = new Map();
  const layoutRows = new Set();
  const outerTables = new Set();
  for (const tr of doc.querySelectorAll('tr')) {
    const table = enclosing(tr, 'table');
    if (!table) continue;
    let rows = tables.get(table);
    if (!rows) {
      if (tables.size === MAX_TABLES) break;
      rows = [];
      tables.set(table, rows);
      for (let outer = enclosing(table, 'tr'); outer; outer = enclosing(outer, 'tr')) {
        layoutRows.add(outer);
        outerTables.add(enclosing(outer, 'table'));
      }
    }
    if (rows.length < MAX_ROWS) rows.push(tr);
  }
  const ordered = [...tables].sort(([a], [b]) => Number(outerTables.has(a)) - Number(outerTables.has(b)));
  for (const [table, trs] of ordered) {
    if (trs.length < 2 || !isShown(table)) continue;
    const rows = trs.filter((tr) => !layoutRows.has(tr) && isShown(tr, table)).map(rowCells).filter((cells) => cells.some((c) => c.text));
    // The header is one of the first rows (a caption-like row may come first).
    let headerAt = -1;
    let columns = null;
    for (let i = 0; i < Math.min(3, rows.length) && !columns; i += 1) {
      columns = productColumns(rows[i], locale);
      headerAt = i;
    }
    const names = columns
      ? headedItems(rows.slice(headerAt + 1), columns, locale, cleanName)
      : unheadedItems(rows, locale, cleanName);
    if (names.length) return { names, headed: Boolean(columns) };
  }
  return null;
}

function enclosing(el, tag) {
  let parent = el.parentElement;
  while (parent && parent.localName.toLowerCase() !== tag) parent = parent.parentElement;
  return parent;
}
