// HTML character references that survive in places the HTML parser does not
// decode, such as the body of <script type="application/ld+json">.

const NAMED = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®', trade: '™',
  euro: '€', pound: '£', yen: '¥', cent: '¢', hellip: '…', ndash: '–', mdash: '—', lsquo: '‘',
  rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', times: '×', middot: '·', bull: '•',
  deg: '°', ordm: 'º', sup2: '²', auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü',
  szlig: 'ß', eacute: 'é', egrave: 'è', ecirc: 'ê', euml: 'ë', Eacute: 'É', agrave: 'à', aacute: 'á',
  acirc: 'â', atilde: 'ã', aring: 'å', Aring: 'Å', aelig: 'æ', ccedil: 'ç', Ccedil: 'Ç', iacute: 'í',
  igrave: 'ì', icirc: 'î', iuml: 'ï', ntilde: 'ñ', oacute: 'ó', ograve: 'ò', ocirc: 'ô', otilde: 'õ',
  oslash: 'ø', Oslash: 'Ø', uacute: 'ú', ugrave: 'ù', ucirc: 'û', yacute: 'ý', iexcl: '¡', iquest: '¿',
};

const ENTITY_RE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,7}));/g;

/** Decodes numeric and common named character references; unknown ones are left as they are. */
export function decodeEntities(text) {
  if (!text || text.indexOf('&') < 0) return text;
  return text.replace(ENTITY_RE, (whole, dec, hex, name) => {
    if (name) return Object.hasOwn(NAMED, name) ? NAMED[name] : whole;
    const code = dec ? Number(dec) : parseInt(hex, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
