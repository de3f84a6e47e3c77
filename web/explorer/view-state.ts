import { ENTITY_KINDS, RELATIONSHIP_TYPE_NAMES, type EntityKind } from '../../src/graph/ontology.js';
import type { RelationshipType } from './generated/graphql.js';
import { parseCluster } from './clusters.js';
import { isSizeBy, type SizeBy } from './size-by.js';

export type Mode = 'neighbourhood' | 'access' | 'whatif' | 'path' | 'uses' | 'exposure' | 'charts';
const MODES: readonly Mode[] = ['neighbourhood', 'access', 'whatif', 'path', 'uses', 'exposure', 'charts'];

/**
 * Everything a view is made of: the drawing derives from it, the URL holds it (so a link restores the same
 * view in a fresh browser), and undo, redo and Back step between such values.
 */
export interface ViewState {
  readonly mode: Mode;
  readonly selected: string | null;
  /** Expanded entities, in the order they were opened. */
  readonly expanded: readonly string[];
  /** Entities hidden by hand. */
  readonly hidden: readonly string[];
  readonly hiddenKinds: readonly EntityKind[];
  readonly hiddenTypes: readonly string[];
  /** Low-confidence relationships hidden. */
  readonly hideLow: boolean;
  /** yyyy-mm-dd or empty (any date). */
  readonly asOf: string;
  /** Compare mode: the second date (asOf is the first). */
  readonly compare: string;
  /** The path's other end, in path mode. */
  readonly to: string;
  /** Expanded entities whose whole neighbourhood was loaded, type by type ("load more"). */
  readonly more: readonly string[];
  /** Entities expanded by some relationship types only, as `id:TYPE`, in the order they were opened. */
  readonly byType: readonly string[];
  /** Cluster nodes opened (their members drawn one by one), by cluster key (clusters.ts). */
  readonly open: readonly string[];
  /** Opened clusters of more than 100 members with pages loaded by "load more": `key~pages` (cluster-members.ts). */
  readonly openMore: readonly string[];
  /** The number nodes are sized by. */
  readonly sizeBy: SizeBy;
}

export const EMPTY_VIEW: ViewState = {
  mode: 'neighbourhood',
  selected: null,
  expanded: [],
  hidden: [],
  hiddenKinds: [],
  hiddenTypes: [],
  hideLow: false,
  asOf: '',
  compare: '',
  to: '',
  more: [],
  byType: [],
  sizeBy: 'none',
  open: [],
  openMore: [],
};

/** How many member pages "load more" has asked for on an opened cluster (0: none, its first 100 only). */
export const morePages = (v: Pick<ViewState, 'openMore'>, key: string): number => {
  const entry = v.openMore.find((e) => e.slice(0, e.lastIndexOf('~')) === key);
  return entry ? Number(entry.slice(entry.lastIndexOf('~') + 1)) || 0 : 0;
};

const list = (value: string | null): string[] => (value ? value.split(',').filter(Boolean) : []);

/** The `byType` entry of an entity expanded by one relationship type. */
export const typeExpansion = (id: string, type: RelationshipType): string => `${id}:${type}`;

/** Splits a `byType` entry; null when it names no relationship type of the ontology. */
export function parseTypeExpansion(entry: string): { id: string; type: RelationshipType } | null {
  const at = entry.lastIndexOf(':');
  const type = entry.slice(at + 1);
  if (at <= 0 || !(RELATIONSHIP_TYPE_NAMES as readonly string[]).includes(type)) return null;
  return { id: entry.slice(0, at), type: type as RelationshipType };
}

/** The relationship types the entity is expanded by (none when it is not, or is expanded whole). */
export const expansionsOf = (v: Pick<ViewState, 'byType'>, id: string): RelationshipType[] =>
  v.byType.flatMap((e) => {
    const x = parseTypeExpansion(e);
    return x && x.id === id ? [x.type] : [];
  });
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether the text is a whole, real calendar date (yyyy-mm-dd): 2025-02-30 and 2025-06 are not. */
export function isDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The URL query of a view; only what differs from the empty view is written. */
export function toQuery(v: ViewState): string {
  const p = new URLSearchParams();
  if (v.selected) p.set('id', v.selected);
  if (v.mode !== 'neighbourhood') p.set('view', v.mode);
  if (v.expanded.length && !(v.expanded.length === 1 && v.expanded[0] === v.selected)) p.set('x', v.expanded.join(','));
  if (v.hidden.length) p.set('hide', v.hidden.join(','));
  if (v.hiddenKinds.length) p.set('kinds', v.hiddenKinds.join(','));
  if (v.hiddenTypes.length) p.set('types', v.hiddenTypes.join(','));
  if (v.hideLow) p.set('low', 'hide');
  if (v.asOf) p.set('asOf', v.asOf);
  if (v.compare) p.set('compare', v.compare);
  if (v.to) p.set('to', v.to);
  if (v.more.length) p.set('more', v.more.join(','));
  if (v.byType.length) p.set('xt', v.byType.join(','));
  if (v.open.length) p.set('open', v.open.join(','));
  if (v.openMore.length) p.set('om', v.openMore.join(','));
  if (v.sizeBy !== 'none') p.set('size', v.sizeBy);
  const text = p.toString();
  return text ? `?${text}` : '';
}

/** The view a URL query stands for; unknown or malformed parts are left out. */
export function fromQuery(search: string): ViewState {
  const p = new URLSearchParams(search);
  const mode = (MODES as readonly string[]).includes(p.get('view') ?? '') ? (p.get('view') as Mode) : 'neighbourhood';
  const selected = p.get('id');
  const expanded = list(p.get('x'));
  const byType = list(p.get('xt')).filter((e) => parseTypeExpansion(e) !== null);
  // A selected entity is expanded whole unless it was expanded by some types only.
  if (selected && mode === 'neighbourhood' && !expanded.includes(selected) && !expansionsOf({ byType }, selected).length) expanded.push(selected);
  const date = (key: string): string => (isDate(p.get(key) ?? '') ? p.get(key)! : '');
  return {
    mode,
    selected,
    expanded,
    hidden: list(p.get('hide')),
    hiddenKinds: list(p.get('kinds')).filter((k): k is EntityKind => (ENTITY_KINDS as readonly string[]).includes(k)),
    hiddenTypes: list(p.get('types')),
    hideLow: p.get('low') === 'hide',
    asOf: date('asOf'),
    compare: date('compare'),
    to: p.get('to') ?? '',
    more: list(p.get('more')),
    byType,
    open: list(p.get('open')).filter((k) => parseCluster(k) !== null),
    openMore: list(p.get('om')).filter((e) => /~\d+$/.test(e) && parseCluster(e.slice(0, e.lastIndexOf('~'))) !== null),
    sizeBy: isSizeBy(p.get('size') ?? '') ? (p.get('size') as SizeBy) : 'none',
  };
}

/** Undo and redo over views. */
export class UndoStack {
  private readonly past: ViewState[] = [];
  private readonly future: ViewState[] = [];

  record(previous: ViewState): void {
    this.past.push(previous);
    this.future.length = 0;
  }

  undo(current: ViewState): ViewState | null {
    const v = this.past.pop();
    if (v) this.future.push(current);
    return v ?? null;
  }

  redo(current: ViewState): ViewState | null {
    const v = this.future.pop();
    if (v) this.past.push(current);
    return v ?? null;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }
}
