import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  Lexer,
  Source,
  TokenKind,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { ANALYSIS_FIELDS, ANALYSIS_UNIT_POINTS, analysisWork, type AnalysisDefaults } from './analysis-cost.js';
import { requestError } from './format-error.js';
import { checkInputs, documentFacts, type InputFacts } from './input-checks.js';

/** The cost limits of one request; from MAX_DEPTH, MAX_COMPLEXITY, MAX_ALIASES, MAX_TOKENS, MAX_PAGE_SIZE. */
export interface CostLimits {
  readonly maxDepth: number;
  readonly maxComplexity: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
  readonly maxPageSize: number;
  /** The analysis caps the work estimates read (defaults: MAX_PATH_LENGTH 6, MAX_NEIGHBORHOOD_DEPTH 4). */
  readonly analysis?: AnalysisDefaults;
}

export const costLimits = (config: Config): CostLimits => ({
  maxDepth: config.MAX_DEPTH,
  maxComplexity: config.MAX_COMPLEXITY,
  maxAliases: config.MAX_ALIASES,
  maxTokens: config.MAX_TOKENS,
  maxPageSize: config.MAX_PAGE_SIZE,
  analysis: { maxPathLength: config.MAX_PATH_LENGTH, maxNeighborhoodDepth: config.MAX_NEIGHBORHOOD_DEPTH },
});

/** How many items an unpaginated list (a relationship field, sources) counts as in the complexity budget. */
export const UNPAGED_LIST_SIZE = 5;
/** Arguments that bound the length of a list field. */
const SIZE_ARGUMENTS = ['first', 'limit'] as const;

type Measure = 'tokens' | 'depth' | 'aliases' | 'complexity' | 'first' | 'limit' | 'fields' | 'nesting';

const ADVICE: Record<Measure, string> = {
  tokens: 'The query document is too long ({value} tokens; the limit is {limit}). Send a shorter query.',
  depth: 'The query nests {value} levels deep; the limit is {limit}. Ask for fewer nested levels or split the query.',
  aliases: 'The query uses {value} aliases; the limit is {limit}. Split it into several requests.',
  complexity:
    'The query would cost {value}; the budget is {limit}. Each list costs its "first" (relationship lists count as ' +
    `${UNPAGED_LIST_SIZE}) times what is selected inside it, and each analysis field ${ANALYSIS_UNIT_POINTS} a unit of work ` +
    '(every hop of depth or maxLength beyond the default multiplies it by 4): ask for smaller pages, fewer nested lists or fewer analyses.',
  first: '"first" may be at most {limit} (MAX_PAGE_SIZE); got {value}. Page through with "after".',
  limit: '"limit" may be at most {limit} (MAX_PAGE_SIZE); got {value}. Ask for fewer, or narrow the query.',
  fields: 'With its fragments spread, the query selects more than {limit} fields. Send a smaller query.',
  nesting: 'The query nests brackets or braces {value} levels deep; the limit is {limit}. Send flatter values.',
};

/** A QUERY_TOO_COMPLEX error naming the measure, the limit and the figure the query reached. */
export function tooComplex(measure: Measure, limit: number, value: number): AppError {
  const message = ADVICE[measure].replace('{value}', String(value)).replace('{limit}', String(limit));
  const argument = measure === 'first' || measure === 'limit' ? { argument: measure } : {};
  return new AppError('QUERY_TOO_COMPLEX', message, { measure, limit, value, ...argument });
}

/** Number of lexical tokens in a document, as graphql-js counts them for `maxTokens` (comments excluded). */
export function tokenCount(query: string): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // A syntax error ends the count; the parser reports it.
  }
  return count;
}

type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

const fragmentsOf = (document: DocumentNode): Fragments =>
  new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));

/**
 * Deepest field nesting of a selection set, following fragments (memoised, so fragment bombs stay linear).
 * Introspection fields (`__schema`, `__type`) are not counted: INTROSPECTION switches them off as a whole.
 */
export function selectionDepth(set: SelectionSetNode | undefined, fragments: Fragments, memo = new Map<string, number>(), seen = new Set<string>()): number {
  let deepest = 0;
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + selectionDepth(selection.selectionSet, fragments, memo, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, memo, seen));
    } else {
      deepest = Math.max(deepest, viaFragment(selection.name.value, fragments, memo, seen, selectionDepth));
    }
  }
  return deepest;
}

/** Aliased fields of a selection set, each fragment spread counted as often as it is spread (memoised). */
export function aliasCount(set: SelectionSetNode | undefined, fragments: Fragments, memo = new Map<string, number>(), seen = new Set<string>()): number {
  let count = 0;
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      count += (selection.alias ? 1 : 0) + aliasCount(selection.selectionSet, fragments, memo, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += aliasCount(selection.selectionSet, fragments, memo, seen);
    } else {
      count += viaFragment(selection.name.value, fragments, memo, seen, aliasCount);
    }
  }
  return count;
}

type Walk = (set: SelectionSetNode | undefined, fragments: Fragments, memo: Map<string, number>, seen: Set<string>) => number;

function viaFragment(name: string, fragments: Fragments, memo: Map<string, number>, seen: Set<string>, walk: Walk): number {
  const known = memo.get(name);
  if (known !== undefined) return known;
  const fragment = fragments.get(name);
  if (!fragment || seen.has(name)) return 0; // unknown or cyclic fragments are validation errors already
  seen.add(name);
  const value = walk(fragment.selectionSet, fragments, memo, seen);
  seen.delete(name);
  memo.set(name, value);
  return value;
}

/** What one operation draws on the rate limits: analysis units and root mutation fields (each alias counts). */
interface Tally {
  analysis: number;
  writes: number;
}

/**
 * Complexity: every field costs 1 plus what is selected inside it; a list field multiplies that by its size:
 * its `first`/`limit` argument (schema default applied), the number of `_entities` representations, or
 * UNPAGED_LIST_SIZE for a list without a size argument. Lists inside a connection are already paid for by the
 * connection's `first`. An analysis field adds its work (src/server/analysis-cost.ts) times
 * ANALYSIS_UNIT_POINTS. Records the largest size argument in `sizes`, and the rate-limit draw in `tally`.
 */
function estimator(sizes: SizeArgument[], tally: Tally, schema: GraphQLSchema, analysis: AnalysisDefaults): ComplexityEstimator {
  const queryType = schema.getQueryType()?.name;
  const mutationType = schema.getMutationType()?.name;
  return (options) => {
    const { type, field, args } = options;
    const cost = sizedCost(options, sizes);
    if (type.name === mutationType) tally.writes += 1;
    if (type.name !== queryType || !ANALYSIS_FIELDS.has(field.name)) return cost;
    // The rate limits count the analysis's own work; what is read below its results is paid for in the budget.
    const work = analysisWork(field.name, args, analysis);
    tally.analysis += work;
    return cost + work * ANALYSIS_UNIT_POINTS;
  };
}

/** A size argument as the query gave it (schema default applied): which one, so an error can name it. */
interface SizeArgument {
  readonly argument: (typeof SIZE_ARGUMENTS)[number];
  readonly size: number;
}

function sizedCost({ type, field, args, childComplexity }: Parameters<ComplexityEstimator>[0], sizes: SizeArgument[]): number {
  for (const name of SIZE_ARGUMENTS) {
    const size = args[name];
    if (typeof size === 'number') {
      sizes.push({ argument: name, size });
      return 1 + Math.max(0, size) * childComplexity;
    }
  }
  if (field.name === '_entities' && Array.isArray(args.representations)) return 1 + args.representations.length * childComplexity;
  // Printed types ([Item!]!) rather than isListType: the schema may come from another copy of graphql-js.
  const isList = String(field.type).startsWith('[');
  if (isList && !type.name.endsWith('Connection') && childComplexity > 0) return 1 + UNPAGED_LIST_SIZE * childComplexity;
  return 1 + childComplexity;
}

export interface OperationCost {
  readonly depth: number;
  readonly aliases: number;
  readonly complexity: number;
  /** Analysis units the operation draws on the analysis rate limit and the per-client concurrency. */
  readonly analysisUnits: number;
  /** Root mutation fields: what it draws on the write rate limit. */
  readonly writes: number;
}

/** The draw of an operation whose cost could not be measured (invalid variables: nothing runs): its root fields. */
function rootTally(operation: OperationDefinitionNode): Tally {
  const fields = operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD);
  if (operation.operation === 'mutation') return { analysis: 0, writes: Math.max(1, fields.length) };
  return { analysis: fields.filter((f) => ANALYSIS_FIELDS.has(f.name.value)).length, writes: 0 };
}

/** Measures an operation and throws QUERY_TOO_COMPLEX when it breaks a limit; returns what it measured. */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  limits: CostLimits,
): OperationCost {
  const fragments = fragmentsOf(document);
  const depth = selectionDepth(operation.selectionSet, fragments);
  if (depth > limits.maxDepth) throw tooComplex('depth', limits.maxDepth, depth);
  const aliases = aliasCount(operation.selectionSet, fragments);
  if (aliases > limits.maxAliases) throw tooComplex('aliases', limits.maxAliases, aliases);
  const sizes: SizeArgument[] = [];
  const tally: Tally = { analysis: 0, writes: 0 };
  let complexity: number;
  try {
    const query: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments.values()] };
    const estimate = estimator(sizes, tally, schema, limits.analysis ?? { maxPathLength: 6, maxNeighborhoodDepth: 4 });
    complexity = getComplexity({ schema, query, variables, estimators: [estimate], maxQueryNodes: limits.maxTokens });
  } catch (error) {
    // Invalid variables: execution reports them as BAD_USER_INPUT, and nothing runs.
    if (!/maximum allowed number of nodes/.test((error as Error).message)) {
      const fallback = rootTally(operation);
      return { depth, aliases, complexity: 0, analysisUnits: fallback.analysis, writes: fallback.writes };
    }
    // graphql-query-complexity stops after maxQueryNodes field evaluations (fragment bombs); a document within
    // the token limit and without fragments never gets there.
    throw tooComplex('fields', limits.maxTokens, limits.maxTokens + 1);
  }
  const largest = sizes.reduce<SizeArgument | null>((max, s) => (s.size > (max?.size ?? 0) ? s : max), null);
  if (largest && largest.size > limits.maxPageSize) throw tooComplex(largest.argument, limits.maxPageSize, largest.size);
  if (complexity > limits.maxComplexity) throw tooComplex('complexity', limits.maxComplexity, complexity);
  return { depth, aliases, complexity, analysisUnits: tally.analysis, writes: tally.writes };
}

/**
 * Whether the cost depends on the variables: a size argument (first, limit, representations) or a directive
 * (`@include(if: $x)`, `@skip`) takes one.
 */
function costTakesVariables(document: DocumentNode): boolean {
  let found = false;
  const sized = new Set<string>([...SIZE_ARGUMENTS, 'representations', 'depth', 'maxLength']);
  visit(document, {
    Argument: (node) => void (sized.has(node.name.value) && visit(node.value, { Variable: () => void (found = true) })),
    Directive: (node) => void visit(node, { Variable: () => void (found = true) }),
  });
  return found;
}

/** What a document's checks need that does not change from one request to the next. */
interface DocumentFacts extends InputFacts {
  readonly variableCost: boolean;
  /** When the cost does not depend on the variables, once checked: what the check measured or the error it raised. */
  checked?: { cost: OperationCost | null; error: unknown };
}

/** What each request's operation was measured to cost, for the rate limits (src/server/security.ts). */
export const operationCosts = new WeakMap<object, OperationCost>();

/**
 * Apollo plugin: checks depth, aliases, complexity, page sizes and input text once the operation is resolved,
 * and records the cost in operationCosts under the request. Apollo hands over the same parsed document for
 * the same query text, so what depends on the document alone (literals, and the cost when no size argument
 * takes a variable) is computed once per document.
 */
export function costLimitsPlugin(limits: CostLimits): ApolloServerPlugin {
  const facts = new WeakMap<OperationDefinitionNode, DocumentFacts>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          let known = facts.get(operation);
          if (!known) {
            known = { ...documentFacts(document), variableCost: costTakesVariables(document) };
            facts.set(operation, known);
          }
          const variables = request.variables ?? {};
          const measure = (): { cost: OperationCost | null; error: unknown } => {
            try {
              return { cost: checkCost(schema, document, operation, variables, limits), error: null };
            } catch (error) {
              return { cost: null, error };
            }
          };
          try {
            checkInputs(operation, known, variables);
            if (!known.variableCost && known.checked === undefined) known.checked = measure();
            const { cost, error } = known.variableCost ? measure() : known.checked!;
            if (error) throw error;
            if (cost) operationCosts.set(request, cost);
          } catch (error) {
            throw error instanceof AppError ? requestError(error, 400) : error;
          }
        },
      };
    },
  };
}
