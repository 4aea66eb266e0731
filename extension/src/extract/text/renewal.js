// Whether the purchase renews automatically, from the page's wording.
// Wording that says it does not renew wins over wording that it does, since
// pages that turn renewal off still talk about renewal.

const DOES_NOT_RENEW = new RegExp([
  String.raw`(?:will|does|do|shall)\s+not\s+(?:be\s+)?(?:automatically\s+)?renew`, String.raw`won['’]t\s+(?:be\s+)?(?:automatically\s+)?renew`,
  String.raw`not\s+(?:set\s+to\s+)?(?:be\s+)?(?:auto(?:matically)?[\s-]?)renew`, String.raw`no\s+auto(?:matic)?[\s-]?renew`,
  String.raw`auto(?:matic)?[\s-]?renew(?:al)?\s*(?:is\s+|has\s+been\s+|:\s*)?(?:off|disabled|deactivated|turned\s+off|switched\s+off|cancel+ed|inactive|not\s+active)`,
  String.raw`(?:turned|switched)\s+off\s+(?:the\s+)?auto(?:matic)?[\s-]?renew`, String.raw`one[\s-]time\s+(?:purchase|payment|charge)`,
  String.raw`lifetime\s+licen[cs]e`, String.raw`does\s+not\s+auto[\s-]?renew`,
  String.raw`(?:verlängert|verlängern)\s+sich\s+nicht`, String.raw`nicht\s+automatisch\s+verlängert`, String.raw`keine\s+automatische\s+verlängerung`,
  String.raw`automatische\s+verlängerung\s*(?::\s*)?(?:aus|deaktiviert)`, String.raw`einmalige\s+zahlung`,
  String.raw`sans\s+renouvellement\s+automatique`, String.raw`ne\s+(?:sera|se)\s+(?:pas|plus)\s+(?:renouvel|reconduit)`, String.raw`renouvellement\s+automatique\s*(?::\s*)?(?:désactivé|inactif)`,
  String.raw`no\s+se\s+renovar[áa]`, String.raw`sin\s+renovaci[óo]n\s+autom[áa]tica`, String.raw`renovaci[óo]n\s+autom[áa]tica\s*(?::\s*)?desactivada`,
  String.raw`non\s+(?:si\s+)?rinnover[àa]`, String.raw`senza\s+rinnovo\s+automatico`, String.raw`rinnovo\s+automatico\s*(?::\s*)?disattivato`,
  String.raw`niet\s+automatisch\s+verlengd`, String.raw`geen\s+automatische\s+verlenging`, String.raw`automatische\s+verlenging\s*(?::\s*)?uit`,
  String.raw`förnyas\s+inte`, String.raw`ingen\s+automatisk\s+förnyelse`, String.raw`automatisk\s+förnyelse\s*(?::\s*)?av(?![\p{L}])`,
].join('|'), 'iu');

// Sentences saying the purchase renews.
const RENEWS = new RegExp([
  String.raw`renews?\s+automatically`, String.raw`automatically\s+(?:be\s+)?renew`,
  String.raw`will\s+(?:be\s+)?renew(?:ed)?\s+(?:on|every|each|annually|monthly|yearly|at)`, String.raw`subscription\s+renews`,
  String.raw`(?:billed|charged)\s+(?:again\s+)?(?:once\s+(?:a|per)\s+(?:week|month|year)|every|each|annually|monthly|yearly)`,
  String.raw`renews\s+(?:on\s+)?(?=\d|\p{L}{3,9}\.?\s\d)`, // "Renews December 20, 2026"

  String.raw`auto(?:matic)?[\s-]?renew(?:al)?\s*(?:is\s+|:\s*)?(?:on|enabled|active|activated|turned\s+on)(?![\p{L}])`,
  String.raw`verlängert\s+sich\s+automatisch`, String.raw`automatisch\s+verlängert`,
  String.raw`renouvel[ée]e?\s+automatiquement`, String.raw`se\s+renouvelle(?:ra)?\s+automatiquement`, String.raw`reconduction\s+(?:tacite|automatique)`,
  String.raw`se\s+renovar[áa]\s+autom[áa]ticamente`, String.raw`se\s+renueva\s+autom[áa]ticamente`,
  String.raw`(?:si\s+)?rinnover[àa]\s+automaticamente`, String.raw`rinnovat[oa]\s+automaticamente`,
  String.raw`automatisch\s+verlengd`, String.raw`förnyas\s+automatiskt`,
  String.raw`renovad[oa]\s+automaticamente`, String.raw`renova\s+automaticamente`,
  // A subscription of goods: "Delivery every month", "Ships every 2 weeks".
  String.raw`(?:delivery|deliveries|ships?|shipped|delivered)\s+every\s+(?:\d+\s+|other\s+)?(?:week|month|year)s?`,
].join('|'), 'iu');

// The feature named as a noun ("auto-renewal", "renouvellement automatique")
// also appears in account menus ("Manage auto-renewal") of pages for one-off
// purchases, so it only counts in a sentence that is not about settings.
const RENEWAL_NOUN = new RegExp([
  String.raw`auto(?:matic)?[\s-]?renew(?:al|ing)?`, String.raw`recurring\s+(?:billing|payment|charge|subscription)`,
  String.raw`next\s+(?:billing|payment|renewal)\s+date`,
  String.raw`automatische\s+(?:abonnement)?verlängerung`, String.raw`renouvellement\s+automatique`, String.raw`renovaci[óo]n\s+autom[áa]tica`,
  String.raw`rinnovo\s+automatico`, String.raw`renovação\s+automática`, String.raw`automatische\s+verlenging`, String.raw`automatisk\s+förnyelse`, String.raw`自動更新`,
].join('|'), 'iu');
const SETTINGS = /manage|settings|turn\s+(?:on|off)|switch\s+(?:on|off)|einstellungen|verwalten|gérer|paramètres|gestionar|configuraci|gestisci|impostazioni|beheren|instellingen|hantera|inställningar/i;
const MIN_SENTENCE_WORDS = 5;

function saysItRenews(line) {
  if (RENEWS.test(line)) return true;
  return RENEWAL_NOUN.test(line) && !SETTINGS.test(line) && line.split(/\s+/).length >= MIN_SENTENCE_WORDS;
}

/**
 * @param {string[]} lines
 * @returns {{value: boolean, weight: number}|null}
 */
export function findAutoRenewal(lines) {
  let renews = false;
  for (const line of lines) {
    if (DOES_NOT_RENEW.test(line)) return { value: false, weight: 0.6 };
    if (!renews && saysItRenews(line)) renews = true;
  }
  return renews ? { value: true, weight: 0.6 } : null;
}
