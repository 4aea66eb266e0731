// All site rules, tried in this order (see ../extractors/site.js for their shape).

import { rule as digitalRiver } from './digitalriver.js';
import { rule as twoCheckout } from './twocheckout.js';
import { rule as nexway } from './nexway.js';
import { rule as paddle } from './paddle.js';
import { rule as fastSpring } from './fastspring.js';
import { rule as amazon } from './amazon.js';

export const SITE_RULES = [digitalRiver, twoCheckout, nexway, paddle, fastSpring, amazon];
