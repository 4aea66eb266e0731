// The catalog's official domains, brands and channels (GET /api/v1/policies/official-domains),
// kept in chrome.storage.local under "official_table" so the look-alike guard works while
// Refund Tracker is not running: {parties, fetched_at (ms)}. The catalog on the server stays
// the one source; this is its last known copy, asked again when older than MAX_AGE_MS.

export const OFFICIAL_TABLE_KEY = 'official_table';
export const MAX_AGE_MS = 6 * 60 * 60 * 1000;

/** Whether a stored table is missing or older than MAX_AGE_MS at `now` (ms). */
export function isStale(table, now) {
  return !table || !Array.isArray(table.parties) || !(now - table.fetched_at < MAX_AGE_MS);
}

export class OfficialTableStore {
  constructor(area) {
    this.area = area;
  }

  async load() {
    const found = await this.area.get(OFFICIAL_TABLE_KEY);
    return found[OFFICIAL_TABLE_KEY] || null;
  }

  async save(parties, now) {
    const table = { parties, fetched_at: now };
    await this.area.set({ [OFFICIAL_TABLE_KEY]: table });
    return table;
  }
}
