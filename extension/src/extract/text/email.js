// The customer's email address: one the page says a receipt was sent to or
// that names the account, never the shop's own support/noreply mailboxes.

import { findEmails, isRoleEmail, sameOrganisation } from '../normalize.js';

const CUSTOMER_CONTEXT = /sent\s+to|emailed\s+to|e-?mail|account|customer|billed\s+to|bill\s+to|sold\s+to|registered|signed\s+in|logged\s+in|receipt\s+to|gesendet\s+an|geschickt\s+an|konto|kunde|envoy[ée]e?\s+[àa]|adresse|courriel|compte|enviado\s+a|correo|cuenta|inviat[ao]\s+a|indirizzo|verzonden\s+naar|verstuurd\s+naar|skickad\s+till|skickat\s+till|e-post|konto|メール/i;

/**
 * @param {string[]} lines
 * @param {{shopDomains?: string[]}} [options] domains of the shop (the page's, the email sender's)
 * @returns {{value: string, weight: number}|null}
 */
export function findCustomerEmail(lines, { shopDomains = [] } = {}) {
  let fallback = null;
  const shops = (email) => shopDomains.some((domain) => sameOrganisation(email.split('@')[1], domain));
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (line.indexOf('@') < 0) continue;
    for (const email of findEmails(line)) {
      // The shop's own mailboxes: a role name (support@, noreply@) or the shop's domain.
      if (isRoleEmail(email) || shops(email)) continue;
      const context = line.slice(0, line.toLowerCase().indexOf(email)) || lines[i - 1] || '';
      if (CUSTOMER_CONTEXT.test(context.slice(-80))) return { value: email, weight: 0.7 };
      if (!fallback) fallback = { value: email, weight: 0.45 };
    }
  }
  return fallback;
}
