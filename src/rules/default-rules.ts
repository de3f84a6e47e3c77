import { createHash } from 'node:crypto';
import { createClassifier, type RuleSet } from './classify.js';
import { loadRuleSet } from './load-rules.js';

/** Bumped when the derivation's code (not its data) changes what it writes, so stored derivations are redone. */
export const DERIVATION_CODE_VERSION = 1;

interface DefaultRules {
  readonly ruleSet: RuleSet;
  readonly classifier: ReturnType<typeof createClassifier>;
  /** SHA-256 of the rules data and DERIVATION_CODE_VERSION: what a database's derived restrictions were made by. */
  readonly version: string;
}

let cached: DefaultRules | null = null;

/** The rules of data/rules and their classifier, read and validated once per process. */
export function defaultRules(): DefaultRules {
  if (!cached) {
    const ruleSet = loadRuleSet();
    const version = createHash('sha256')
      .update(JSON.stringify({ code: DERIVATION_CODE_VERSION, ruleSet }))
      .digest('hex');
    cached = { ruleSet, classifier: createClassifier(ruleSet), version };
  }
  return cached;
}
