import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS } from '../../src/graph/ontology.js';
import { KIND_COLOURS, KIND_SHAPES } from '../../web/explorer/kinds.js';
import { Occupancy, placeInSlices, type Extent, type Point } from '../../web/explorer/layout.js';
import { EMPTY_VIEW, fromQuery, isDate, toQuery, UndoStack } from '../../web/explorer/view-state.js';

/** WCAG relative luminance and contrast ratio. */
const luminance = (hex: string): number => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
};

const LABELLED: Extent = { left: -60, top: -11, right: 60, bottom: 28 };
const overlaps = (a: Point, b: Point, e: Extent): boolean =>
  Math.abs(a.x - b.x) < e.right - e.left && a.y + e.top < b.y + e.bottom && b.y + e.top < a.y + e.bottom;

describe('the explorer palette', () => {
  it('gives every kind its own shape and a colour of at least 3:1 against the white canvas', () => {
    for (const kind of ENTITY_KINDS) expect(contrast(KIND_COLOURS[kind], '#ffffff')).toBeGreaterThanOrEqual(3);
    expect(new Set(ENTITY_KINDS.map((k) => KIND_SHAPES[k])).size).toBe(ENTITY_KINDS.length);
  });
});

describe('the explorer layout', () => {
  it('places a hundred labelled nodes around one anchor with no two boxes overlapping, and never moves a placed one', async () => {
    const space = new Occupancy();
    const centre = { x: 0, y: 0 };
    space.add(centre, LABELLED);
    const placed = new Map([['hub', centre]]);
    const pending = Array.from({ length: 100 }, (_, i) => ({ id: `n${i}`, parent: 'hub', measure: () => LABELLED }));
    const result = await placeInSlices(space, placed, pending, centre);
    const all = [centre, ...result.values()];
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i]!, all[j]!, LABELLED)).toBe(false);
    expect(placed.get('hub')).toEqual(centre);
    expect(result.size).toBe(100);
  });

  it('puts a node next to a parent placed earlier in the same batch', async () => {
    const space = new Occupancy();
    const pending = [
      { id: 'a', parent: null, measure: () => LABELLED },
      { id: 'b', parent: 'a', measure: () => LABELLED },
    ];
    const result = await placeInSlices(space, new Map(), pending, { x: 500, y: 500 });
    expect(result.get('a')).toEqual({ x: 500, y: 500 });
    const b = result.get('b')!;
    expect(Math.hypot(b.x - 500, b.y - 500)).toBeLessThan(200);
  });
});

describe('the explorer view state', () => {
  it('round-trips a whole view through the URL query', () => {
    const view = {
      ...EMPTY_VIEW,
      selected: 'sg-rented-gpu-capacity',
      expanded: ['bytedance', 'sg-rented-gpu-capacity'],
      hidden: ['china'],
      hiddenKinds: ['Source' as const],
      hiddenTypes: ['DEVELOPS'],
      hideLow: true,
      asOf: '2025-01-01',
      compare: '2025-06-01',
      more: ['bytedance'],
    };
    expect(fromQuery(toQuery(view))).toEqual(view);
    expect(fromQuery(toQuery({ ...EMPTY_VIEW, mode: 'path', selected: 'deepseek', to: 'nvidia' }))).toMatchObject({
      mode: 'path',
      selected: 'deepseek',
      to: 'nvidia',
      expanded: [],
    });
  });

  it('leaves out a malformed date or an unknown mode in a URL', () => {
    expect(fromQuery('?id=x&asOf=2025-06&view=nonsense&kinds=Planet')).toMatchObject({ mode: 'neighbourhood', asOf: '', hiddenKinds: [], expanded: ['x'] });
  });

  it('takes only whole, real calendar dates', () => {
    expect(isDate('2025-06-01')).toBe(true);
    expect(isDate('2024-02-29')).toBe(true);
    for (const bad of ['2025-06', '2025-02-30', '2025-13-01', '25-06-01', '']) expect(isDate(bad)).toBe(false);
  });

  it('undoes and redoes in order, and forgets the redo list on a new step', () => {
    const stack = new UndoStack();
    const [a, b, c] = [EMPTY_VIEW, { ...EMPTY_VIEW, selected: 'b' }, { ...EMPTY_VIEW, selected: 'c' }];
    stack.record(a);
    stack.record(b);
    expect(stack.undo(c)).toBe(b);
    expect(stack.redo(b)).toBe(c);
    expect(stack.undo(c)).toBe(b);
    stack.record(b);
    expect(stack.canRedo).toBe(false);
  });
});
