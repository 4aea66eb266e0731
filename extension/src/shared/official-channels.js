// What the popup lists of a party's official channels (from the official-domains table):
// the ones for the user's country first, each with where it was seen. Pure.

const KIND_NAMES = {
  phone: 'Phone', chat: 'Chat', refund_form: 'Refund form', order_lookup: 'Order lookup',
  support_page: 'Support page', email: 'Email', account: 'Account',
};

/** The country of a browser language tag ("en-US" -> "US"), or null. */
export function countryOfLanguage(tag) {
  const region = String(tag || '').split(/[-_]/).slice(1).find((part) => /^[A-Za-z]{2}$/.test(part));
  return region ? region.toUpperCase() : null;
}

/** Channels for `country` first, then those for anywhere, then other countries' (stable). */
export function forCountry(channels, country) {
  const wanted = (country || '').toUpperCase();
  const rank = (c) => {
    const countries = c.countries || [];
    if (wanted && countries.includes(wanted)) return 0;
    return countries.length ? 2 : 1;
  };
  return [...(channels || [])].map((c, i) => [rank(c), i, c]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[2]);
}

/**
 * [{kind, party, label, value, href, detail, source}] for a party, country first; with no phone
 * channel, a last line "Phone: see <contact page>" (the party's own contact page).
 */
export function channelLines(party, country) {
  const lines = forCountry(party && party.channels, country).map((c) => ({
    kind: KIND_NAMES[c.kind] || c.kind,
    party: c.party || (party && party.name) || null, // a merchant of record's own channel names it
    label: c.label,
    value: c.phone || c.email || c.url || '',
    href: c.phone ? `tel:${c.phone.replace(/[^+\d]/g, '')}` : c.email ? `mailto:${c.email}` : c.url || null,
    detail: [c.region, c.hours].filter(Boolean).join(' · '),
    source: c.source_url || null,
  }));
  if (party && !(party.channels || []).some((c) => c.kind === 'phone')) {
    const page = party.contact_page || (lines.find((l) => l.href && l.href.startsWith('http')) || {}).href;
    if (page) lines.push({ kind: 'Phone', party: party.name, label: 'see the official contact page', value: page, href: page, detail: '', source: page });
  }
  return lines;
}
