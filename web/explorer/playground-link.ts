import { operationText, type TypedDocument } from '@compute-atlas/client';
import {
  ExplorerChartsDocument,
  ExplorerComputeAccessDocument,
  ExplorerExposureDocument,
  ExplorerNeighborhoodDocument,
  ExplorerPathsDocument,
  ExplorerSimulateRuleDocument,
  ExplorerWhoUsesDocument,
  type RuleInput,
} from './generated/graphql.js';
import { expansionsOf, type ViewState } from './view-state.js';

/** The operation behind a view, with its variables: what "Open in playground" hands over. */
export interface ViewOperation {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** Variables as the explorer sends them, less the nulls (the playground reader needs no `"asOf": null`). */
const defined = (variables: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(variables).filter(([, v]) => v !== null && v !== undefined && v !== ''));

/** codegen's operation text, each definition unindented (it indents the first line of each by four spaces). */
const tidy = (text: string): string => text.replace(/^ {4}(?=(query|mutation|subscription|fragment) )/gm, '').trim();

/** The query the current view is drawn from; null when it shows nothing a query stands for (the empty start). */
export function viewOperation(view: ViewState, rule: RuleInput): ViewOperation | null {
  const { selected: id, asOf } = view;
  // Typed like a request: the variables must be the document's.
  const op = <TData, TVariables extends Record<string, unknown>>(document: TypedDocument<TData, TVariables>, variables: TVariables): ViewOperation => ({
    query: tidy(operationText(document)),
    variables: defined(variables),
  });
  if (view.mode === 'whatif') return op(ExplorerSimulateRuleDocument, { rule, asOf });
  if (view.mode === 'charts') return op(ExplorerChartsDocument, { asOf });
  if (!id) return null;
  if (view.mode === 'access') return op(ExplorerComputeAccessDocument, { company: id, asOf });
  if (view.mode === 'uses') return op(ExplorerWhoUsesDocument, { chip: id, asOf });
  if (view.mode === 'exposure') return op(ExplorerExposureDocument, { regulation: id, asOf });
  if (view.mode === 'path') return op(ExplorerPathsDocument, { from: id, to: view.to, asOf });
  // The neighbourhood of the selected entity, limited to the types it was expanded by when it was not expanded whole.
  const types = view.expanded.includes(id) ? [] : expansionsOf(view, id);
  return op(ExplorerNeighborhoodDocument, { id, asOf, types: types.length ? types : null });
}

/** The playground's address opening that operation: `/?query=…&variables=…` (the playground is served at /). */
export function playgroundHref(operation: ViewOperation | null): string {
  if (!operation) return '/';
  const params = new URLSearchParams({ query: operation.query });
  if (Object.keys(operation.variables).length) params.set('variables', JSON.stringify(operation.variables));
  return `/?${params.toString()}`;
}
