import { z } from 'zod';
import type { Confidence } from '../graph/ontology.js';

/** Pieces shared by the rule and country-group schemas. */

export const CONFIDENCE = ['high', 'medium', 'low'] as const satisfies readonly Confidence[];

const isRealDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
export const isoDate = z.string().refine((s) => {
  try {
    return isRealDay(s);
  } catch {
    return false;
  }
}, 'a real date YYYY-MM-DD');
export const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lower-case slug');
export const iso2 = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code');

/** Where a fact comes from (a Source entity id) and how sure it is. */
export const cited = { source: slug, confidence: z.enum(CONFIDENCE), note: z.string().optional() };
