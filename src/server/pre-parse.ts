import type { RequestHandler } from 'express';
import { sendErrors } from './format-error.js';
import { MAX_NESTING, nestingDepth, valueDepth } from './input-checks.js';
import { tokenCount, tooComplex, type CostLimits } from './limits.js';

/**
 * Before parsing: rejects a document with more than MAX_TOKENS tokens, and a document or variables nested more
 * than MAX_NESTING levels deep (the parser and the variable coercion recurse), naming the figure.
 */
export function tokenLimit(limits: CostLimits): RequestHandler {
  return (req, res, next) => {
    const body = req.body as { query?: unknown; variables?: unknown } | undefined;
    const query = typeof body?.query === 'string' ? body.query : typeof req.query.query === 'string' ? req.query.query : null;
    const variables = body?.variables ?? (typeof req.query.variables === 'string' ? parseJson(req.query.variables) : null);
    const variableDepth = valueDepth(variables, MAX_NESTING);
    if (variableDepth > MAX_NESTING) return sendErrors(res, 400, [tooComplex('nesting', MAX_NESTING, variableDepth)]);
    if (query === null) return next();
    const nesting = nestingDepth(query, MAX_NESTING);
    if (nesting > MAX_NESTING) return sendErrors(res, 400, [tooComplex('nesting', MAX_NESTING, nesting)]);
    // Fewer characters than the limit cannot hold more tokens than it; skip lexing those.
    if (query.length <= limits.maxTokens) return next();
    const tokens = tokenCount(query);
    if (tokens <= limits.maxTokens) return next();
    sendErrors(res, 400, [tooComplex('tokens', limits.maxTokens, tokens)]);
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null; // Apollo answers malformed variables itself
  }
}
