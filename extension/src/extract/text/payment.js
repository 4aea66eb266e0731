// The payment method next to its label ("Payment Method: Visa ending in 4417",
// "Zahlungsart | Mastercard endet auf 8821", "Paid with PayPal"), in the
// languages shops write it in. The server reads the card network from it.

import { cleanPaymentMethod } from '../normalize.js';
import { firstParsed, labelRegExp, labelledValues } from './labelled.js';

const PAYMENT_METHOD = labelRegExp([
  String.raw`payment\s+(?:method|type|mode|option|instrument)s?`, String.raw`method\s+of\s+payment`,
  String.raw`paid\s+(?:with|by|using|via)`,
  String.raw`zahlungs(?:art|methode|mittel|weise)`, String.raw`zahlart`, String.raw`bezahlt\s+(?:mit|per|über)`,
  String.raw`(?:moyen|mode|m[ée]thode)\s+de\s+(?:paiement|r[èe]glement)`, String.raw`pay[ée]e?\s+(?:par|avec)`,
  String.raw`(?:m[ée]todo|forma|medio)\s+de\s+pago`, String.raw`pagado\s+con`,
  String.raw`(?:metodo|modalit[àa]|mezzo)\s+di\s+pagamento`, String.raw`pagato\s+con`,
  String.raw`(?:m[ée]todo|forma|meio)\s+de\s+pagamento`, String.raw`pago\s+com`,
  String.raw`betaal(?:methode|wijze|middel)`, String.raw`betaald\s+met`,
  String.raw`betalnings(?:metod|sätt|medel)`, String.raw`betalsätt`, String.raw`betalt?\s+med`,
  String.raw`支払(?:い)?方法`, String.raw`お支払い方法`, String.raw`支付方式`,
]);

const WEIGHT = 0.6;

/**
 * The first labelled payment method in the lines.
 * @param {string[]} lines
 * @returns {{value: string, weight: number}|null}
 */
export function findPaymentMethod(lines) {
  for (const hit of labelledValues(lines, PAYMENT_METHOD)) {
    const value = firstParsed(hit, cleanPaymentMethod);
    if (value) return { value, weight: WEIGHT };
  }
  return null;
}
