import { createClassifier, type RuleSet } from './classify.js';
import { loadRuleSet } from './load-rules.js';

let cached: { readonly ruleSet: RuleSet; readonly classifier: ReturnType<typeof createClassifier> } | null = null;

/** The rules of data/rules and their classifier, read and validated once per process. */
export function defaultRules(): { readonly ruleSet: RuleSet; readonly classifier: ReturnType<typeof createClassifier> } {
  if (!cached) {
    const ruleSet = loadRuleSet();
    cached = { ruleSet, classifier: createClassifier(ruleSet) };
  }
  return cached;
}
