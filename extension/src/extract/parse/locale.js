// The page's locale ({language, region}), used to read "$", "kr", "¥" and
// ambiguous dates like 03/04/2026. Taken from the <html lang>, then from the
// URL (Locale=en_CA, /de-de/ paths), then from the country-code domain.

const TLD_REGIONS = {
  at: 'AT', au: 'AU', be: 'BE', br: 'BR', ca: 'CA', ch: 'CH', cz: 'CZ', de: 'DE', dk: 'DK', es: 'ES',
  fi: 'FI', fr: 'FR', ie: 'IE', in: 'IN', it: 'IT', jp: 'JP', mx: 'MX', nl: 'NL', no: 'NO', nz: 'NZ',
  pl: 'PL', pt: 'PT', se: 'SE', sg: 'SG', uk: 'GB', us: 'US', hk: 'HK', za: 'ZA', kr: 'KR', cn: 'CN',
};

/** "en-US" / "en_us" / "EN" -> {language: "en", region: "US"} (region may be null). */
export function parseLanguageTag(tag) {
  if (!tag) return null;
  const m = /^\s*([a-z]{2,3})(?:[-_]([a-z]{4}))?(?:[-_]([a-z]{2}|\d{3}))?\b/i.exec(String(tag));
  if (!m) return null;
  return { language: m[1].toLowerCase(), region: m[3] && /^[a-z]{2}$/i.test(m[3]) ? m[3].toUpperCase() : null };
}

function localeFromUrl(location) {
  if (!location) return null;
  for (const key of ['locale', 'Locale', 'lang', 'language', 'hl', 'lc']) {
    const value = location.searchParams.get(key);
    const parsed = parseLanguageTag(value);
    if (parsed && parsed.region) return parsed;
  }
  const segment = /\/([a-z]{2})[-_]([a-z]{2})(?=\/|$)/i.exec(location.pathname);
  return segment ? parseLanguageTag(`${segment[1]}-${segment[2]}`) : null;
}

function regionFromHost(host) {
  const tld = host ? host.split('.').pop().toLowerCase() : '';
  return TLD_REGIONS[tld] || null;
}

/**
 * @param {{lang?: string|null, location?: URL|null}} hints
 * @returns {{language: string|null, region: string|null}}
 */
export function resolveLocale({ lang, location }) {
  const fromLang = parseLanguageTag(lang);
  if (fromLang && fromLang.region) return fromLang;
  const fromUrl = localeFromUrl(location);
  if (fromUrl && (!fromLang || fromLang.language === fromUrl.language)) return fromUrl;
  return {
    language: fromLang ? fromLang.language : fromUrl ? fromUrl.language : null,
    region: regionFromHost(location && location.hostname),
  };
}
