import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root.js';
import type { RuleSet } from './classify.js';
import { countryGroupsFileSchema } from './country-groups.js';
import { controlRulesFileSchema } from './rule-schema.js';

/** Reads and validates `data/rules/control-rules.json` and `data/rules/country-groups.json`; throws on any problem. */
export function loadRuleSet(dir = path.join(projectRoot(), 'data', 'rules')): RuleSet {
  const read = (file: string): unknown => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  return {
    rules: controlRulesFileSchema.parse(read('control-rules.json')),
    groups: countryGroupsFileSchema.parse(read('country-groups.json')),
  };
}
