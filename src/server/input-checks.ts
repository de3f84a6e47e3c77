import { Lexer, Source, TokenKind, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { badInput } from '../errors.js';

/** Longest text a query (not a mutation) may pass in one argument or variable; no id, name or search needs more. */
export const MAX_QUERY_TEXT = 2_000;
/** Deepest nesting of brackets and braces in a document, and of arrays and objects in the variables. */
export const MAX_NESTING = 64;

/** A lone UTF-16 surrogate: with the `u` flag a paired one is a single code point outside this range. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** What the input checks need of a document, computed once per document. */
export interface InputFacts {
  /** Length of the longest string literal. (GraphQL's lexer already refuses lone surrogates in literals.) */
  readonly literalLength: number;
}

export function documentFacts(document: DocumentNode): InputFacts {
  let literalLength = 0;
  visit(document, { StringValue: (node) => void (literalLength = Math.max(literalLength, node.value.length)) });
  return { literalLength };
}

/** Depth of nested arrays and objects in a JSON value, without recursion; stops once past `cap`. */
export function valueDepth(value: unknown, cap: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (!item || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > cap) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Deepest nesting of `(`, `[` and `{` in a document. A document with no more of them than `cap` cannot nest
 * deeper: then their count is returned (an upper bound) without lexing.
 */
export function nestingDepth(query: string, cap: number): number {
  let opening = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) opening += 1;
  }
  if (opening <= cap) return opening;
  const lexer = new Lexer(new Source(query));
  let depth = 0;
  let deepest = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (token.kind === TokenKind.PAREN_L || token.kind === TokenKind.BRACKET_L || token.kind === TokenKind.BRACE_L) deepest = Math.max(deepest, ++depth);
      else if (token.kind === TokenKind.PAREN_R || token.kind === TokenKind.BRACKET_R || token.kind === TokenKind.BRACE_R) depth -= 1;
    }
  } catch {
    // A syntax error ends the count; the parser reports it.
  }
  return deepest;
}

/** The longest string in the variables, and the path of the first one holding a lone surrogate. */
function scanVariables(variables: Record<string, unknown>): { longest: number; badAt: string | null } {
  let longest = 0;
  let badAt: string | null = null;
  const stack: [unknown, string][] = Object.entries(variables).map(([name, value]) => [value, name]);
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      longest = Math.max(longest, value.length);
      if (badAt === null && LONE_SURROGATE.test(value)) badAt = path;
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, `${path}[${i}]`]));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) stack.push([item, `${path}.${key}`]);
    }
  }
  return { longest, badAt };
}

/**
 * Refuses, with BAD_USER_INPUT naming the field: a string holding a lone surrogate (not Unicode; Neo4j would
 * store U+FFFD instead), and in a query a text longer than MAX_QUERY_TEXT.
 */
export function checkInputs(operation: OperationDefinitionNode, facts: InputFacts, variables: Record<string, unknown>): void {
  const { longest: variableLength, badAt } = scanVariables(variables);
  if (badAt !== null) {
    throw badInput(`"${badAt}" is not valid Unicode text (it holds a lone UTF-16 surrogate). Send well-formed text.`, { field: badAt });
  }
  if (operation.operation !== 'query') return;
  const longest = Math.max(facts.literalLength, variableLength);
  if (longest > MAX_QUERY_TEXT) {
    throw badInput(`A text value in a query may be at most ${MAX_QUERY_TEXT} characters; got ${longest}. Shorten it (ids, names and search words are short).`, {
      limit: MAX_QUERY_TEXT,
      value: longest,
    });
  }
}
