import { phraseSet } from '../i18n/phrases.js';
import { fold } from '../i18n/fold.js';

// Evidence about what kind of page this is: a confirmation / receipt, or one
// of the pages that talk about orders without being one (cart, checkout form,
// product or pricing page, login, article).

// "Thank you for your order" in every language of the label table (i18n/labels.js).
const CONFIRMATION = phraseSet(['confirmation']);

// A help article or FAQ: a question as the title, or help-centre wording.
const HELP = /\?\s*(?:[-–|:].*)?$|^(?:how|where|what|why|when|can|do|does|wie|wo|was|comment|où|cómo|dónde|come|dove|hoe|waar|hur|var)\s|help\s*cent(?:er|re)|(?:^|\s)faq|knowledge\s*base|hilfe-?cent|centre\s+d['’]aide|centro\s+de\s+ayuda|centro\s+assistenza/i;
const QUOTE_BEFORE = /[“"„«‘'‹]\s*$/;

const ORDER_CONTEXT = /order\s+(?:details|information|history)|receipt|invoice|bestelldetails|bestell[üu]bersicht|rechnung|d[ée]tails?\s+de\s+(?:la\s+|votre\s+)?commande|re[çc]u|facture|detalles\s+del\s+pedido|recibo|factura|dettagli\s+(?:dell['’]\s?)?ordine|ricevuta|fattura|bestelgegevens|besteloverzicht|factuur|orderdetaljer|kvitto|領収書/i;

const CART = /shopping\s+(?:cart|bag|basket)|^(?:your\s+)?(?:cart|basket|bag)(?:\s*\(\d+\))?$|your\s+(?:cart|basket|bag)|warenkorb|^(?:mon\s+|votre\s+)?panier|carrito|carrello|winkelwagen|varukorg|ショッピングカート/i;
const CART_BUTTONS = /(?:proceed|continue|go)\s+to\s+checkout|^checkout$|update\s+(?:cart|basket)|zur\s+kasse|passer\s+(?:la|à\s+la)\s+commande|tramitar\s+pedido|procedi\s+(?:all['’]\s?acquisto|al\s+checkout)|verder\s+naar\s+(?:afrekenen|bestellen)|till\s+kassan|レジに進む/i;
const PREPAYMENT_BUTTONS = /place\s+(?:your\s+|my\s+)?order|complete\s+(?:your\s+|my\s+)?(?:purchase|order|payment)|pay\s+now|submit\s+(?:order|payment)|confirm\s+(?:and\s+pay|purchase|payment|order)|^pay\s|zahlungspflichtig\s+bestellen|jetzt\s+(?:bezahlen|kaufen)|kaufen$|valider\s+(?:ma|la|votre)\s+commande|^payer|^commander$|finalizar\s+(?:compra|pedido)|realizar\s+pedido|^pagar|effettua\s+(?:l['’]\s?)?ordine|conferma\s+e\s+paga|^paga|bestelling\s+plaatsen|nu\s+betalen|^betala|slutför\s+(?:köp|beställning)|注文を確定/i;
const PRODUCT_BUTTONS = /add\s+to\s+(?:cart|basket|bag)|buy\s+now|in\s+den\s+warenkorb|ajouter\s+au\s+panier|a[ñn]adir\s+al\s+carrito|aggiungi\s+al\s+carrello|in\s+(?:de\s+)?winkelwagen|lägg\s+i\s+varukorgen|カートに入れる/i;
const PLAN_BUTTONS = /choose\s+(?:this\s+)?plan|select\s+plan|get\s+started|start\s+(?:your\s+)?(?:free\s+)?trial|subscribe\s+now|try\s+(?:it\s+)?free|compare\s+plans|buy\s+now|jetzt\s+kaufen|plan\s+w[äa]hlen|choisir|elegir\s+plan|scegli/i;
const LOGIN = /sign\s+in|log\s*in|anmelden|einloggen|se\s+connecter|connexion|iniciar\s+sesi[óo]n|accedi|inloggen|logga\s+in|ログイン/i;
const PER_PERIOD = /(?:\/\s?(?:mo|month|yr|year|monat|jahr|mois|an|mes|año|mese|anno|maand|jaar|mån)(?![\p{L}]))|per\s+(?:month|year|maand|jaar)|pro\s+(?:monat|jahr)|par\s+(?:mois|an)|al\s+(?:mes|año|mese|anno)|(?:i|per)\s+månad|\/\s?mån/iu;
const CARD_INPUTS = 'input[autocomplete^="cc-" i], input[name*="cardnumber" i], input[name*="card_number" i], input[name*="card-number" i], input[name*="cvv" i], input[name*="cvc" i], input[id*="cardnumber" i], input[id*="card-number" i], input[id*="cvv" i], input[data-elements-stable-field-name]';

// Characters of running text in an element: its sentences, not its short lines (names, prices,
// labels). Only the first 20,000 characters are looked at.
function proseLength(el) {
  const text = el.textContent.slice(0, 20000);
  let length = 0;
  for (const sentence of text.split(/[\n\r]+|(?<=[.!?])\s+/)) {
    const words = sentence.trim().split(/\s+/);
    if (words.length >= 10 && !/\d[.,]\d{2}\b/.test(sentence)) length += sentence.length;
  }
  return length;
}

// A payment that did not go through: a reminder to pay, not a receipt.
const PAYMENT_FAILED = /payment (?:failed|was declined|declined|unsuccessful|could not be processed)|(?:card|payment) (?:was )?declined|update your (?:card|payment (?:method|details))|couldn['’]t (?:charge|process) your|unable to (?:charge|process) your|zahlung (?:fehlgeschlagen|abgelehnt)|abbuchung (?:fehlgeschlagen|nicht möglich)|paiement (?:refusé|échoué|a échoué)|pago (?:rechazado|fallido)|pagamento (?:rifiutato|non riuscito|recusado)|betaling (?:mislukt|geweigerd|afvist)|betalningen misslyckades|płatność (?:nieudana|odrzucona)|платеж (?:отклонен|не прошел)|お支払いに失敗|支付失败/i;

// "Thank you, Jordan!" at the top of a checkout's last page.
const THANK_YOU_NAME = /^(?:thank you|thanks|danke|vielen dank|merci|gracias|grazie|bedankt|dank je|obrigad[oa]|dziękujemy|tack|tak|спасибо)[,!]?\s+(?<name>\S.{0,30})$/iu;
const GIVEN_NAME = /^[\p{Lu}][\p{L}'’-]{1,30}[!.]?$/u;

// Confirmation wording, unless quoted (“the email titled "Thank you for your order"”).
function confirms(line) {
  const thanked = THANK_YOU_NAME.exec(line.trim());
  if (thanked && GIVEN_NAME.test(thanked.groups.name)) return true;
  const [m] = CONFIRMATION.matches(fold(line));
  return m !== undefined && !QUOTE_BEFORE.test(line.slice(Math.max(0, m.index - 3), m.index));
}

function texts(elements) {
  const result = [];
  for (const el of elements) {
    const text = (el.getAttribute('value') && el.localName === 'input' ? el.getAttribute('value') : el.textContent) || '';
    const clean = text.replace(/\s+/g, ' ').trim();
    if (clean && clean.length < 80) result.push(clean);
  }
  return result;
}

/**
 * @param {{doc: Document, lines: string[], title: string, meta: Function}} page
 */
export function pageSignals(page) {
  const { doc } = page;
  // One pass over the elements that matter (each query walks the whole DOM under Node).
  const headings = [page.title];
  const buttonElements = [];
  let hasPassword = false;
  let paymentForm = false;
  // The longest <article>, by how much of it is prose: an order page can be long (thousands of
  // items) and sit in an <article>, but its text is short lines of names and prices.
  let prose = 0;
  for (const el of doc.querySelectorAll('h1, h2, button, input, [role="button"], a[class], article')) {
    const tag = el.localName.toLowerCase();
    if (tag === 'h1' || tag === 'h2') headings.push(el);
    else if (tag === 'article' && prose <= 1500) prose = Math.max(prose, proseLength(el));
    else if (tag === 'input') {
      const type = (el.getAttribute('type') || 'text').toLowerCase();
      if (type === 'password') hasPassword = true;
      if (type === 'submit' || type === 'button') buttonElements.push(el);
      if (!paymentForm && el.matches(CARD_INPUTS)) paymentForm = true;
    } else if (tag === 'button' || el.getAttribute('role') === 'button' || /btn|button/i.test(el.getAttribute('class') || '')) {
      buttonElements.push(el);
    }
  }
  const headingTexts = [page.title, ...texts(headings.slice(1))];
  const h1Texts = [page.title, ...texts(headings.slice(1).filter((el) => el.localName.toLowerCase() === 'h1'))];
  const buttons = texts(buttonElements);

  let confirmation = 0;
  let paymentFailed = false;
  let orderContext = false;
  let perPeriodLines = 0;
  for (const line of [page.title, ...page.lines]) {
    if (line.length < 400 && confirms(line)) confirmation += 1;
    if (!paymentFailed && line.length < 400 && PAYMENT_FAILED.test(line)) paymentFailed = true;
    if (!orderContext && line.length < 200 && ORDER_CONTEXT.test(line)) orderContext = true;
    if (line.length < 200 && PER_PERIOD.test(line) && /\d/.test(line)) perPeriodLines += 1;
  }

  return {
    confirmation,
    orderContext,
    cart: headingTexts.some((h) => CART.test(h)) || buttons.some((b) => CART_BUTTONS.test(b)),
    paymentForm: paymentForm || doc.querySelector('iframe[src*="stripe" i], iframe[src*="braintree" i], iframe[src*="adyen" i], iframe[title*="card number" i]') !== null,
    prepaymentButton: buttons.some((b) => PREPAYMENT_BUTTONS.test(b)),
    productButtons: buttons.some((b) => PRODUCT_BUTTONS.test(b)),
    pricing: perPeriodLines >= 2 && buttons.some((b) => PLAN_BUTTONS.test(b)) || perPeriodLines >= 4,
    login: hasPassword && (headingTexts.some((h) => LOGIN.test(h)) || buttons.some((b) => LOGIN.test(b))),
    article: prose > 1500,
    articleMeta: page.meta('og:type') === 'article',
    paymentFailed,
    // A webmail with no message open: a list of mails, not one order.
    mailbox: Boolean(page.mailbox),
    help: h1Texts.some((h) => HELP.test(h)),
  };
}
