// All site rules, tried in this order (see ../extractors/site.js for their shape):
// merchants of record and stores by their sites, then shop platforms by their markup,
// then app stores, marketplaces and payment services by their receipts.

import { rule as digitalRiver } from './digitalriver.js';
import { rule as twoCheckout } from './twocheckout.js';
import { rule as nexway } from './nexway.js';
import { rule as paddle } from './paddle.js';
import { rule as fastSpring } from './fastspring.js';
import { rule as amazon } from './amazon.js';
import { rule as woocommerce } from './woocommerce.js';
import { rule as shopify } from './shopify.js';
import { rule as magento } from './magento.js';
import { rule as prestashop } from './prestashop.js';
import { rule as shopware } from './shopware.js';
import { rule as bigcommerce } from './bigcommerce.js';
import { rule as opencart } from './opencart.js';
import { rule as medusa } from './medusa.js';
import { rule as spree } from './spree.js';
import { rule as eccube } from './eccube.js';
import { rule as appstore } from './appstore.js';
import { rule as googleplay } from './googleplay.js';
import { rule as gumroad } from './gumroad.js';
import { rule as etsy } from './etsy.js';
import { rule as ebay } from './ebay.js';
import { rule as stripe } from './stripe.js';
import { rule as lemonsqueezy } from './lemonsqueezy.js';

export const SITE_RULES = [digitalRiver, twoCheckout, nexway, paddle, fastSpring, amazon, woocommerce, shopify, magento,
  prestashop, shopware, bigcommerce, opencart, medusa, spree, eccube, appstore, googleplay, gumroad, etsy, ebay, stripe,
  lemonsqueezy];
