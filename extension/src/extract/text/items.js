// What was bought, read as a receipt reads: rows of line items (name, variant,
// quantity, price) above a block of totals rows (subtotal, discount, voucher,
// shipping, gift wrap, tax, total). Works on page lines, so a table (cells on
// one line, tab-separated), an email's nested tables (a cell's blocks on lines
// of their own) and plain lists of divs all read the same:
//
//   Product        Total                     a header row (optional)
//   Merino Crew Sweater × 1                  an item: name line(s), details,
//   Colour:  Navy                            then its price line(s)
//   £68.00
//   Waxed Canvas Tote × 1      £42.00        an item on one line
//   Subtotal:                  £129.00       the totals block ends the items
//
// Every label (headers, totals rows, headings) comes from the label table.

import { findMoney } from '../parse/money.js';
import { fold } from '../i18n/fold.js';
import { phraseSet } from '../i18n/phrases.js';
import { cleanText } from '../normalize.js';

const MAX_ITEMS = 1000;
const MAX_GROUP_LINES = 12;
const MAX_NAME = 300;

const TOTALS = phraseSet(['subtotal', 'discount', 'voucher', 'shipping', 'tax', 'gift_wrap', 'fee', 'grand_total', 'charged', 'total', 'payment']);
const TOTAL_ROW = phraseSet(['grand_total', 'charged', 'total']);
const SUBTOTAL = phraseSet(['subtotal']);
const TAX = phraseSet(['tax']);
const HEADERS = phraseSet(['item_header', 'quantity_header', 'price_header', 'code_header']);
const ITEM_HEADER = phraseSet(['item_header']);
const QUANTITY_HEADER = phraseSet(['quantity_header']);
const PRICE_HEADER = phraseSet(['price_header']);
const HEADING = phraseSet(['items_heading']);
// Lines that belong to the order's other facts, never to an item.
const FACT_LABELS = phraseSet(['order_number', 'order_date', 'email', 'payment'], [
  'shipping address', 'billing address', 'delivery address', 'ship to', 'bill to', 'customer', 'lieferadresse', 'rechnungsadresse',
  'adresse de livraison', 'adresse de facturation', 'dirección de envío', 'indirizzo di spedizione', 'afleveradres', 'factuuradres',
  'endereço de entrega', 'adres dostawy', 'leveransadress', 'leveringsadresse', 'お届け先', '配送先', '收货地址', 'адрес доставки',
  'shipping method', 'delivery method', 'versandart', 'mode de livraison', 'método de envío', 'metodo di spedizione',
  'aufgegeben am', 'bestellung aufgegeben am', 'placed on', 'estimated delivery', 'voraussichtliche lieferung', 'lieferung',
  'livraison estimée', 'entrega estimada', 'consegna prevista',
]);

// Quantity markers: "× 2", "x2", "2 x", "(x2)", "Qty: 2", "Menge: 2", "2 шт", "数量：2".
const QTY_WORD = String.raw`(?:qty|quantity|menge|anzahl|quantité|qté|cantidad|cant|quantità|qtà|aantal|quantidade|qtd|ilość|antal|количество|кол-во|数量|個数)`;
const QTY_AFTER = new RegExp(String.raw`\s*(?:[×x✕]\s?(\d{1,5})|\(\s*[×x]\s?(\d{1,5})\s*\))(?![\d.,]|\s?[a-zA-Z]{2}|\s?(?:cm|mm|m|g|kg|ml|l)\b)`, 'iu');
const QTY_BEFORE = new RegExp(String.raw`^\s*(\d{1,5})\s?[×x✕]\s+(?=\S)`, 'iu');
// "Пуэр Шу, 357 г - 1 шт: 2 450 руб.": a count with its unit after the name.
const QTY_UNIT_AFTER = /\s+[-–—]?\s*(\d{1,5})\s?(?:шт|pcs|pc|Stk|St|szt|ks|uds|pz|stuks|点|個|件)\.?(?=\s*[:：]|\s*$)/iu;
// "Menge: 100 g", "Quantity: 250 g" name a pack size, not a count.
const MEASURE = String.raw`\s?(?:m?g|kg|m?l|cl|dl|[cm]?m|oz|lbs?|fl\.?\s?oz)(?![\p{L}])`;
const QTY_LABELLED = new RegExp(String.raw`(?:^|[\s(,;|])${QTY_WORD}\.?\s*[:：]?\s*(\d{1,5})(?!\d|[.,]\d|${MEASURE})`, 'iu');
const QTY_UNIT = /^\s*(\d{1,5})\s*(?:шт\.?|pcs\.?|pc\.?|st\.?|stk\.?|szt\.?|uds?\.?|点|個|件|本|枚|x)?\s*$/iu;
// A product code rather than a name: one token with a digit, no lower-case letter ("NW-THB-10-BRN"),
// or capitals joined by dashes ("HOG-LOK", "COF-THE-G").
const CODE = /^[^\s\p{Ll}]*\d[^\s\p{Ll}]*$|^[\p{Lu}\d]{2,}(?:[-_.\/][\p{Lu}\d]{1,}){1,5}$/u;
const CODE_LABEL = /^(?:sku|art(?:ikel)?[-.\s]?nr\.?|artikelnummer|item\s?(?:#|no\.?)|réf\.?|référence|ref\.?|referencia|riferimento|codice|código|model|modelo|ean|isbn|upc|asin|item id|transaction id|transaktions-id|licen[cs]e key|licensnyckel|lizenzschlüssel|serial(?: number)?|品番|商品コード|型号|артикул)\s*[:：#]?\s*/iu;
// Words that make a line an item's note rather than its variant.
const NOTE = /^(?:seller|sold by|verkauf durch|verkäufer|vendu par|vendido por|venduto da|verkocht door|säljs av|sælges af|sprzedawca|продавец|販売元|item id|transaction id|artikelnummer|show|hide|in stock|on backorder|ships?|delivered|delivery|arrives|arriving|estimated|back ?order|preorder|pre-order|download|licen[cs]e key|serial|renews?|auto-?renew|billed|vorrätig|lieferbar|versand|en stock|livraison|disponible|en existencias|disponibile|op voorraad|på lager|na stanie|в наличии|在庫|report a problem|write a review|leave a review|view (?:order|item|content|details|product)|buy (?:it )?again|track (?:package|order)|edit|remove|print)/iu;
// Words a line starts with to say what it is, not what was bought: "Variant: Natural", "规格：白茶".
const VARIANT_LABEL = /^(?:variant|variation|option|options|variante|varianten|optionen|déclinaison|opción|opzione|variant|optie|opção|wariant|alternativ|規格|规格|バリエーション|вариант)\s*[:：]\s*/iu;
// A price said as such ("Price: $12.00", "Preis: 12,00 €").
const PRICE_WORDS = /(?:^|\s)(?:price|unit price|product price|item price|preis|einzelpreis|prix|prix unitaire|precio|prezzo|prijs|preço|cena|pris|цена|価格|単価|价格|单价|each|ea\.?|per|je|pro|chacun|cada|por unidad|al pezzo|per stuk|à|stk\.?|szt\.?)(?:\s*[:：]|(?=\s|$))/giu;
const UNIT_PRICE_WORDS = /(?:unit price|price each|each|ea\.|per unit|einzelpreis|stückpreis|prix unitaire|precio unitario|prezzo unitario|stukprijs|preço unitário|cena jednostkowa|styckpris|á-pris|stykpris|単価|单价|цена за шт)/iu;

// A service on the line rather than the thing bought: "Gift wrapping: Kraft paper".
const SERVICE = phraseSet(['gift_wrap']);

// A price per measure ("100 g (5,90 €* / 100 g)", "0.5 kg (19,60 €* / 1 kg)"): the base price
// the law asks shops to print, not a price of the line.
const BASE_PRICE = new RegExp(String.raw`\([^()]*\d[^()]*\/\s*\d*(?:[.,]\d+)?${MEASURE}\s*\)`, 'iu');

/** True when a line under an item's name is a note about it (a code, a key, stock, gift wrap), not its variant. */
export function isItemNote(text) {
  const detail = text.replace(/^[-–•·]\s+/, '');
  return BASE_PRICE.test(detail) || CODE.test(detail) || CODE_LABEL.test(detail) || NOTE.test(detail) || isFactLine(detail) || detail.length > 80
    || startsWithPhrase(SERVICE, detail) || /(?:licen[cs]e key|licensnyckel|lizenzschlüssel|clé de licence|serial number)\s*[:：]/iu.test(detail);
}

// A first column that numbers the rows.
const POSITION_HEADER = /^(?:pos\.?|position|#|nr\.?|no\.?|lp\.?|n°|№|поз\.?)$/u;

const cellMemo = new Map();

// A line's table cells (the same line is asked about many times: totals row? header? price?).
function cells(line) {
  let parts = cellMemo.get(line);
  if (!parts) {
    parts = line.indexOf('\t') < 0 ? (line.trim() ? [line.trim()] : []) : line.split('\t').map((c) => c.trim()).filter(Boolean);
    if (cellMemo.size >= 20000) cellMemo.clear();
    cellMemo.set(line, parts);
  }
  return parts;
}

const moneyIn = (text, locale) => findMoney(text, locale).filter((m) => m.hasCurrency || m.hasDecimals);

function startsWithPhrase(set, text, { anywhere = false } = {}) {
  const folded = fold(text).replace(/^[\s*•·\-–]+/, '');
  const [first] = set.matches(folded);
  if (!first) return false;
  return first.index === 0 || anywhere;
}

/** A totals row's label, when the line's first cell is one: {total, label} or null. */
function totalsLabel(line) {
  const [first] = cells(line);
  if (!first || first.length > 60) return null;
  const folded = fold(first).replace(/^[\s*•·\-–]+/, '');
  const matches = TOTALS.matches(folded);
  if (!matches.length) return null;
  const words = folded.split(/\s+/).length;
  // "Subtotal:", "Discount (WELCOME10)", "Maine State Tax", "Shipping: via Royal Mail"
  if (matches[0].index !== 0 && words > 4) return null;
  if (moneyIn(first, null).length && matches[0].index !== 0) return null;
  return { total: TOTAL_ROW.test(folded), label: first };
}

// A line that is nothing but a totals label ("Order total", "Summe"): a caption.
function wholeTotalsLabel(line) {
  const folded = fold(line).replace(/[:.]\s*$/, '').trim();
  const [match] = TOTALS.matches(folded);
  return Boolean(match && match.index === 0 && match.end === folded.length);
}

// A header cell, folded: "Prod. no." keeps its dot (the label table has it), "Price:" loses its colon.
function headerCell(cell) {
  const folded = fold(cell).replace(/:$/, '').trim();
  return HEADERS.test(folded) ? folded : folded.replace(/\.$/, '');
}

function isHeaderLine(line) {
  // Two cells at least, each a short label: most lines of a page are not one.
  if (line.indexOf('\t') < 0) return false;
  const parts = cells(line);
  if (parts.length < 2 || parts.some((c) => c.length > 30 || !/\p{L}/u.test(c))) return false;
  let item = false;
  let other = false;
  for (const cell of parts) {
    const folded = headerCell(cell);
    if (!HEADERS.test(folded)) return false;
    const [match] = HEADERS.matches(folded);
    if (match.index !== 0 || match.end < folded.length - 12) return false;
    if (ITEM_HEADER.test(folded)) item = true;
    if (QUANTITY_HEADER.test(folded) || PRICE_HEADER.test(folded)) other = true;
  }
  return item && other;
}

function isHeading(line) {
  const folded = fold(line).replace(/[:.()\d\s]+$/, '').trim();
  if (!folded || folded.length > 40) return false;
  const [match] = HEADING.matches(folded);
  return Boolean(match && match.index === 0 && match.end >= folded.length - 2);
}

function isPriceLine(line, locale) {
  const parts = cells(line);
  return parts.length > 0 && moneyIn(parts[parts.length - 1], locale).length > 0;
}

function isQuantityLine(line) {
  return QTY_UNIT.test(line) || (cells(line).length === 1 && QTY_LABELLED.test(line) && line.length < 30);
}

function isFactLine(line) {
  return startsWithPhrase(FACT_LABELS, line) || /@/.test(line) || /^https?:\/\//.test(line);
}

/** The quantity a text marks ("× 2", "2 x", "Qty: 2"), and the text without the marker. */
export function splitQuantity(text) {
  let m = QTY_BEFORE.exec(text);
  if (m) return { quantity: Number(m[1]), rest: text.slice(m[0].length) };
  m = QTY_AFTER.exec(text);
  if (m) return { quantity: Number(m[1] || m[2]), rest: (text.slice(0, m.index) + text.slice(m.index + m[0].length)).trim() };
  m = QTY_LABELLED.exec(text);
  if (m) return { quantity: Number(m[1]), rest: (text.slice(0, m.index) + text.slice(m.index + m[0].length)).replace(/[\s,;|·-]+$/, '').trim() };
  m = QTY_UNIT_AFTER.exec(text);
  if (m) return { quantity: Number(m[1]), rest: (text.slice(0, m.index) + text.slice(m.index + m[0].length)).replace(/[\s,;|·:：-]+$/, '').trim() };
  return { quantity: null, rest: text };
}

// "Card Sleeves Standard (100) - Finish : Matte", "Camiseta Tamanho: M, Cor: Verde": the
// options after the name. One "Label: Value" counts only with a label the table knows
// (option_label); two or more say by themselves that they are options.
const OPTION = String.raw`[\p{L}][\p{L}\s]{0,20}?\s?:\s?[^,;:]+?`;
const INLINE_OPTIONS = new RegExp(String.raw`\s+[-–—]\s+(${OPTION}(?:[,;|]\s?${OPTION})*)\s*$`, 'u');
const OPTION_LIST = new RegExp(String.raw`\s+(\p{Lu}[\p{L}]{1,20}\s?:\s?[^,;:()]+?(?:,\s?\p{Lu}[\p{L}]{1,20}\s?:\s?[^,;:()]+?)*)\s*(?:\([^)]*\))?$`, 'u');
const OPTION_LABEL = phraseSet(['option_label']);

function knownOptions(text) {
  const pairs = text.split(/[,;|]\s?/);
  if (pairs.length >= 2) return true;
  const label = fold(pairs[0].split(':')[0]).trim();
  const [match] = OPTION_LABEL.matches(label);
  return Boolean(match && match.index === 0 && match.end === label.length);
}

export function splitName(text) {
  let name = text;
  let variant = null;
  const inline = INLINE_OPTIONS.exec(name);
  // One "Group : Value" after " - " is how PrestaShop appends a combination ("Dice Tower - Wood : Oak").
  const combination = inline && /^\p{Lu}[\p{L}]*(?:\s\p{L}+)?\s:\s\S/u.test(inline[1]);
  if (inline && (combination || knownOptions(inline[1]))) {
    variant = inline[1].trim();
    name = name.slice(0, inline.index);
  } else {
    const list = OPTION_LIST.exec(name);
    if (list && list.index > 2 && knownOptions(list[1])) {
      variant = list[1].trim();
      name = name.slice(0, list.index);
    }
  }
  // "Nussknacker König, Größe 38 cm": an option named after a comma, its label without a colon.
  if (!variant) {
    const named = /,\s+(\p{L}{2,20})\s+([^,:;]{1,30})$/u.exec(name);
    const label = named && fold(named[1]);
    const [match] = label ? OPTION_LABEL.matches(label) : [];
    if (match && match.index === 0 && match.end === label.length && named.index > 2) {
      variant = `${named[1]} ${named[2].trim()}`;
      name = name.slice(0, named.index);
    }
  }
  // A trailing product code in brackets: "(CAM-ORG-M-VD)".
  name = name.replace(/\s*\((?=[^)]*\d)(?=[^)]*\p{Lu})[^\s\p{Ll})]{3,}\)\s*$/u, '');
  // "Monstera Deliciosa (Large, 27 cm pot)", "Terracotta Planter (Ø 21 cm)": options in brackets
  // (a list, a measure, "A / B"); "Wool Dryer Balls (Set of 6)" or "(12 oz)" are part of the name.
  if (!variant) {
    const bracket = /\s+\(([^()]{2,60})\)\s*$/u.exec(name);
    if (bracket && /,|\s\/\s|^[ØøΦ⌀]|\b\d+(?:[.,]\d+)?\s?(?:cm|mm|m|ml|cl|l|g|kg)\b.*\p{L}{3}/u.test(bracket[1]) && bracket.index > 2) {
      variant = bracket[1].trim();
      name = name.slice(0, bracket.index);
    }
  }
  return { name, variant };
}

function cleanName(text) {
  // A currency symbol left over from a price printed in a cell of its own.
  const value = cleanText(String(text).replace(/\s+(?:[$€£¥₹₽₩]|[A-Z]{3})\s*$/u, ''), MAX_NAME);
  if (!value || value.length < 2 || !/\p{L}/u.test(value)) return null;
  return value;
}

// A cell that is only a price: money, perhaps with words that say it is one ("Price: $12.00", "each").
function isPriceCell(cell, locale) {
  if (!moneyIn(cell, locale).length) return false;
  // "R$ 14,99/mês", "$9.99/mo": a price per period is a price.
  const words = cell.replace(PRICE_WORDS, ' ').replace(/(?<=\d)\s?\/\s?\p{L}{1,8}\.?/gu, ' ').replace(/(?<![\p{L}])[A-Z]{3}(?![\p{L}])/gu, ' ')
    .replace(/[\d\s.,:'’()+\-–=×x*/$€£¥₹₽₩₺₪₴zł]+/giu, ' ');
  return !/\p{L}{2}/u.test(words.replace(/(?:kr|Kč|Ft|lei|руб|грн|zł|円|元|CHF|Fr)\.?/gu, ''));
}

/** The item one group of lines describes, or null. */
function itemFrom(group, locale, { positions = false } = {}) {
  const texts = [];
  let quantity = null;
  let price = null;
  let unitPrice = false;
  for (const [lineIndex, line] of group.entries()) {
    const lineCells = cells(line);
    // Under a "Pos." column a row starts with its position ("1", "2"): not a quantity.
    const skip = positions && lineIndex === 0 && lineCells.length > 1 && /^\d{1,4}\.?$/.test(lineCells[0]) ? 1 : 0;
    for (const cell of lineCells.slice(skip)) {
      if (BASE_PRICE.test(cell)) continue;
      if (isQuantityLine(cell)) {
        const q = QTY_UNIT.exec(cell) || QTY_LABELLED.exec(cell);
        quantity = quantity ?? Number(q[1]);
        continue;
      }
      // "2 x R$ 89,90 = R$ 179,80": a quantity, a unit price, the line's price.
      const times = /^(\d{1,5})\s?[×x]\s?(?=\D{0,4}\d)/u.exec(cell);
      if (times && isPriceCell(cell.slice(times[0].length), locale)) {
        quantity = quantity ?? Number(times[1]);
        const money = moneyIn(cell, locale);
        price = money[money.length - 1].amount;
        unitPrice = money.length < 2;
        continue;
      }
      if (isPriceCell(cell, locale)) {
        const money = moneyIn(cell, locale);
        price = money[money.length - 1].amount;
        unitPrice = UNIT_PRICE_WORDS.test(cell);
        continue;
      }
      // "F-Secure Total – 5 enheter, 1 år 1 299,00 kr": a name with its price at the end.
      const money = moneyIn(cell, locale);
      const tail = money[money.length - 1];
      if (tail && tail.end >= cell.trimEnd().length - 1 && tail.index > 2) {
        price = tail.amount;
        texts.push(cell.slice(0, tail.index).replace(/[\s:–—-]+$/, ''));
        continue;
      }
      texts.push(cell);
    }
  }
  // The name: the line that carries the quantity ("2 x Enamel Camp Mug", "Tote × 1") if one
  // does, else the first line that is not a product code, a note or a label.
  let at = texts.findIndex((t) => splitQuantity(t).quantity !== null && splitQuantity(t).rest && !QTY_LABELLED.test(t));
  if (at < 0) at = texts.findIndex((t) => !CODE.test(t) && !CODE_LABEL.test(t) && !NOTE.test(t) && !isFactLine(t));
  if (at < 0) return null;
  const marked = splitQuantity(texts[at]);
  if (marked.quantity !== null) quantity = quantity ?? marked.quantity;
  const bareName = marked.rest.replace(/\s*[-–—|:]\s*$/, '').replace(ITEM_LABEL, '');
  const { name: splitBare, variant: inlineVariant } = splitName(bareName);
  const name = cleanName(splitBare);
  if (!name) return null;
  const details = texts.slice(at + 1);
  const options = [];
  if (inlineVariant) options.push(inlineVariant);
  for (let i = 0; i < details.length; i += 1) {
    let detail = details[i].replace(/^[-–•·]\s+/, '');
    if (isItemNote(detail)) continue;
    const q = splitQuantity(detail);
    if (q.quantity !== null && !q.rest) {
      quantity = quantity ?? q.quantity;
      continue;
    }
    // "Colour:" then "Navy" on the next line: one option.
    if (/[:：]\s*$/.test(detail) && i + 1 < details.length) {
      detail = `${detail.replace(/\s*[:：]\s*$/, '')}: ${details[i + 1]}`;
      i += 1;
    }
    detail = detail.replace(VARIANT_LABEL, '').replace(SERVICE_PERIOD, '').trim();
    if (detail) options.push(detail);
  }
  return {
    name,
    variant: options.length ? cleanText(options.join(', '), 200) : null,
    quantity: quantity ?? 1,
    price,
    unitPrice,
  };
}

// "Premium mensal (Lumen Clima)" stays; "商品名：手ぬぐい" loses its label.
const ITEM_LABEL = /^(?:product|item|artikel|produkt|produit|article|producto|artículo|prodotto|articolo|produto|towar|produkt|vara|vare|商品名?|品名|товар|наименование)\s*[:：]\s*/iu;
// "· 12 Mar 2026 – 12 Mar 2027": the period a subscription covers, not a variant.
const SERVICE_PERIOD = /\s*[·|,]?\s*\S*\d{1,4}\S*\s+\S+\s+\d{2,4}\s*[-–—]\s*\S*\d{1,4}\S*\s+\S+\s+\d{2,4}\s*$/u;

/** Groups of lines, each one item: its text lines, then its price / quantity lines. */
function groupLines(lines, locale, limit = MAX_ITEMS) {
  const groups = [];
  let current = [];
  let priced = false;
  for (let i = 0; i < lines.length && groups.length < limit; i += 1) {
    const line = lines[i];
    // A count right before a name (a badge: "1", then "Swim Trunks") starts the next item.
    if (priced && QTY_UNIT.test(line) && i + 1 < lines.length && !isPriceLine(lines[i + 1], locale)
      && !isQuantityLine(lines[i + 1])) {
      groups.push(current);
      current = [];
      priced = false;
    }
    const parts = cells(line);
    const pricedLine = isPriceLine(line, locale);
    // Only prices and quantities ("$80.00", "1", "2 x $9.50"), or also a name ("Tote × 1 <tab> £42.00").
    const onlyNumbers = parts.every((cell) => isPriceCell(cell, locale) || isQuantityLine(cell)
      || /^(\d{1,5})\s?[×x]\s?(?=\D{0,4}\d)/u.test(cell));
    if (priced && !(pricedLine && onlyNumbers) && !(onlyNumbers && isQuantityLine(line))) {
      groups.push(current);
      current = [];
      priced = false;
    }
    current.push(line);
    if (pricedLine) priced = true;
    if (current.length > MAX_GROUP_LINES) return null;
  }
  if (current.length && groups.length < limit) {
    if (!priced) return { groups, trailing: current };
    groups.push(current);
  }
  return { groups, trailing: [] };
}

// The lines of the items section: after a header row (or heading), before the totals block.
function itemSection(lines, totalsAt, locale) {
  let start = totalsAt;
  let header = null;
  for (let i = totalsAt - 1; i >= 0 && totalsAt - i <= 400; i -= 1) {
    const line = lines[i];
    if (isHeaderLine(line)) {
      header = i;
      start = i + 1;
      break;
    }
    // A caption of the totals right above them ("Order total", "Cost summary"): not an item.
    if (i === totalsAt - 1 && !isPriceLine(line, locale) && (isHeading(line) || wholeTotalsLabel(line))) {
      start = i;
      continue;
    }
    if (isHeading(line) || isFactLine(line) || totalsLabel(line)) {
      start = i + 1;
      break;
    }
    start = i;
  }
  // Headers printed one cell a line: "Product" / "Quantity" / "Price".
  let columns = header !== null ? cells(lines[header]).length : 0;
  if (header === null) {
    let i = start;
    let words = 0;
    let item = false;
    let other = false;
    while (i < totalsAt && words < 6) {
      const folded = headerCell(lines[i]);
      const [match] = HEADERS.matches(folded);
      if (!match || match.index !== 0 || match.end < folded.length || cells(lines[i]).length !== 1) break;
      if (ITEM_HEADER.test(folded)) item = true;
      if (QUANTITY_HEADER.test(folded) || PRICE_HEADER.test(folded)) other = true;
      words += 1;
      i += 1;
    }
    if (words >= 2 && item && other) {
      columns = words;
      start = i;
      header = start - words;
    }
  }
  return { start, header, columns };
}

// Rows read by column: a header of N cells, then lines of one cell each in groups of N.
function columnGroups(body, columns, locale) {
  if (columns < 2 || body.length % columns !== 0 || body.some((line) => cells(line).length !== 1)) return null;
  const groups = [];
  for (let i = 0; i < body.length; i += columns) {
    const row = body.slice(i, i + columns);
    if (!row.some((line) => isPriceLine(line, locale))) return null;
    groups.push([row.join('\t')]);
  }
  return groups;
}

function readTotals(lines, from, locale) {
  const totals = [];
  for (let i = from; i < lines.length && totals.length < 20; i += 1) {
    const label = totalsLabel(lines[i]);
    if (!label) {
      if (totals.length && isPriceLine(lines[i], locale) && cells(lines[i]).length === 1) continue;
      break;
    }
    const parts = cells(lines[i]);
    let money = moneyIn(parts.slice(1).join(' ') || parts[0], locale);
    if (!money.length && i + 1 < lines.length && !totalsLabel(lines[i + 1])) money = moneyIn(lines[i + 1], locale);
    totals.push({ label: label.label, total: label.total, amount: money.length ? money[0].amount : null,
      currency: money.length ? money[0].currency : null });
  }
  return totals;
}

// A totals row: its label, and an amount on its line or the next.
function isTotalsRow(lines, i, locale) {
  if (!totalsLabel(lines[i])) return false;
  const parts = cells(lines[i]);
  return moneyIn(parts.length > 1 ? parts.slice(1).join(' ') : parts[0], locale).length > 0
    || (i + 1 < lines.length && cells(lines[i + 1]).length === 1 && isPriceCell(lines[i + 1], locale));
}

// After a header row, when no totals block follows right after the items: rows up to the
// first line that is not part of an item.
function headedRowsEnd(lines, from, locale, totalsRowAt) {
  let end = from;
  while (end < lines.length && end - from < 4000) {
    const line = lines[end];
    if (totalsRowAt(end) || isHeading(line) || isFactLine(line) || isHeaderLine(line)) break;
    end += 1;
  }
  return end;
}

/**
 * The line items and the totals rows of the receipt on the page (at most 1000 items).
 * @param {string[]} lines page lines
 * @param {{language: string|null, region: string|null}} locale
 * @param {{charged?: string|null}} [options] the amount charged, when known: with no subtotal
 *   printed, it tells a unit price from a line's total
 * @returns {{items: {name: string, variant: string|null, quantity: number, price: string|null}[],
 *   totals: {label: string, total: boolean, amount: string|null, currency: string|null}[],
 *   headed: boolean, at: number, end: number, read: object[]}|null} `at`, `end`: the lines of the
 *   items; `read`: the items as read, for lineTotals() once the amount charged is known
 */
export function findItems(lines, locale, { charged = null } = {}) {
  let best = null;
  const considered = new Set();
  const consider = (start, end, header, columns) => {
    // A header's rows and the rows above the totals are often the same: read them once.
    const key = `${start}:${end}`;
    if (considered.has(key)) return;
    considered.add(key);
    const body = lines.slice(start, end);
    if (!body.length) return;
    let groups = columnGroups(body, columns, locale);
    if (!groups) {
      const grouped = groupLines(body, locale);
      if (!grouped) return;
      groups = grouped.groups;
    }
    const positions = header !== null && POSITION_HEADER.test(fold(cells(lines[header])[0] || '').trim());
    const items = [];
    for (const group of groups) {
      const item = itemFrom(group, locale, { positions });
      if (item && !(item.price && item.price.startsWith('-'))) items.push(item);
      if (items.length === MAX_ITEMS) break;
    }
    if (!items.length) return;
    const priced = items.filter((item) => item.price !== null).length;
    const score = priced * 2 + items.length + (header !== null ? 3 : 0);
    if (!best || score > best.score) {
      best = { items, totals: readTotals(lines, end, locale), headed: header !== null, at: start, end, score };
    }
  };
  // Each line is asked once whether it is a totals row (both loops below ask).
  const totalsRows = new Int8Array(lines.length);
  const totalsRowAt = (i) => {
    if (!totalsRows[i]) totalsRows[i] = isTotalsRow(lines, i, locale) ? 1 : 2;
    return totalsRows[i] === 1;
  };
  for (let h = 0; h < lines.length; h += 1) {
    if (!isHeaderLine(lines[h])) continue;
    consider(h + 1, headedRowsEnd(lines, h + 1, locale, totalsRowAt), h, cells(lines[h]).length);
  }
  for (let t = 1; t < lines.length; t += 1) {
    if (!totalsRowAt(t) || totalsRowAt(t - 1)) continue;
    const { start, header, columns } = itemSection(lines, t, locale);
    consider(start, t, header, columns);
  }
  if (!best) return null;
  const { score, ...found } = best;
  found.read = found.items;
  found.items = lineTotals(found.read, found.totals, charged);
  return found;
}

// How many lines at either end of a long list of items other readers still see.
const LIST_EDGE = 40;

/**
 * The page's lines without the middle of its list of items: the order's other facts (its
 * number, date, total, the customer) are printed around the list, not in it, and a
 * wholesale order's thousands of rows need not be read again by every other reader.
 * @param {string[]} lines
 * @param {{at: number, end: number}|null} receipt what findItems() found
 */
export function linesAroundItems(lines, receipt) {
  if (!receipt || receipt.end - receipt.at <= LIST_EDGE * 3) return lines;
  return [...lines.slice(0, receipt.at + LIST_EDGE), ...lines.slice(receipt.end - LIST_EDGE)];
}

const units = (amount) => Math.round(Number(amount) * 1000);

// A price printed for a quantity above one may be the unit price (items: {..., unitPrice}, totals:
// the totals rows, [{label, amount}]): it is the line's when the
// prices add up to the subtotal, a unit price when quantity × price does (then the line's
// total is not printed: null), and a price the page calls a unit price is one.
export function lineTotals(items, totals, charged = null) {
  const subtotal = totals.find((row) => row.amount && SUBTOTAL.test(fold(row.label)));
  const sum = (f) => items.reduce((acc, item) => acc + (item.price === null ? NaN : f(item)), 0);
  // What the lines add up to: the subtotal; else the total (or the amount charged) less the
  // other rows (shipping, fees, discounts), with or without the tax rows (tax is added in
  // some countries and included in others).
  const targets = [];
  if (subtotal) targets.push(units(subtotal.amount));
  else {
    const total = totals.find((row) => row.total && row.amount);
    const totalAmount = total ? total.amount : charged;
    if (totalAmount) {
      const others = totals.filter((row) => !row.total && row.amount);
      const without = (rows) => rows.reduce((acc, row) => acc - units(row.amount), units(totalAmount));
      targets.push(without(others), without(others.filter((row) => !TAX.test(fold(row.label)))), units(totalAmount));
    }
  }
  let asUnit = items.some((item) => item.unitPrice);
  if (targets.includes(sum((item) => units(item.price)))) asUnit = false;
  else if (targets.includes(sum((item) => units(item.price) * item.quantity))) asUnit = true;
  return items.map(({ unitPrice, ...item }) => (asUnit && item.quantity > 1 ? { ...item, price: null } : item));
}
