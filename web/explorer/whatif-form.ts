import { h } from './dom.js';
import type { CriterionInput, RuleInput } from './generated/graphql.js';

/** The what-if form: a hypothetical rule's thresholds, destinations and remote-access clause, as simulateRule's RuleInput. */

export interface WhatIfValues {
  readonly tpp: string;
  readonly tpp2: string;
  readonly pd: string;
  readonly destinations: string;
  readonly remoteAccess: boolean;
}

/** The preset: the 3A090.a thresholds of October 2023, for D:5 and Macau, with remote access covered too. */
export const REMOTE_ACCESS_PRESET: WhatIfValues = { tpp: '4800', tpp2: '1600', pd: '5.92', destinations: 'D:5, MO', remoteAccess: true };

/** A number field's value, or null when left empty (then the criterion it belongs to is left out). */
const numberOrNull = (value: string): number | null => (value.trim() === '' ? null : Number(value));

/** The RuleInput the values stand for: TPP ≥ a, or TPP ≥ b with PD ≥ c; comma-separated places. */
export function toRuleInput(v: WhatIfValues): RuleInput {
  const [tpp, tpp2, pd] = [numberOrNull(v.tpp), numberOrNull(v.tpp2), numberOrNull(v.pd)];
  const second = { ...(tpp2 !== null ? { tpp: tpp2 } : {}), ...(pd !== null ? { performanceDensity: pd } : {}) };
  const criteria: CriterionInput[] = [...(tpp !== null ? [{ tpp }] : []), ...(Object.keys(second).length ? [second] : [])];
  const destinations = v.destinations
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  return { label: v.remoteAccess ? 'What-if: remote access covered' : 'What-if', criteria, destinations, remoteAccess: v.remoteAccess };
}

const field = (id: string, label: string, value: string, attrs: Record<string, string> = {}): HTMLElement =>
  h('label', { class: 'whatif-field', for: id }, label, ' ', h('input', { id, name: id, value, inputmode: 'decimal', ...attrs }));

/** The form, filled with `values`; `onSubmit` gets what it holds when submitted. */
export function whatIfForm(values: WhatIfValues, onSubmit: (v: WhatIfValues) => void): HTMLFormElement {
  const form = h(
    'form',
    { id: 'whatif-form', class: 'whatif', 'aria-label': 'Hypothetical rule' },
    h(
      'fieldset',
      {},
      h('legend', {}, 'A chip is covered when it meets either'),
      field('whatif-tpp', 'TPP ≥', values.tpp, { type: 'number', min: '0', step: 'any' }),
      h('span', { class: 'muted' }, ' or '),
      field('whatif-tpp2', 'TPP ≥', values.tpp2, { type: 'number', min: '0', step: 'any' }),
      field('whatif-pd', 'and PD ≥', values.pd, { type: 'number', min: '0', step: 'any' }),
    ),
    field('whatif-destinations', 'Destinations (ISO codes, country groups)', values.destinations, { type: 'text', autocomplete: 'off' }),
    h(
      'label',
      { class: 'whatif-check' },
      h('input', { type: 'checkbox', id: 'whatif-remote', name: 'whatif-remote', checked: values.remoteAccess }),
      ' Also cover remote access (renting compute in a data center abroad)',
    ),
    h(
      'div',
      { class: 'whatif-actions' },
      h('button', { type: 'button', id: 'whatif-preset', onclick: () => fill(form, REMOTE_ACCESS_PRESET) }, 'Preset: also cover remote access'),
      h('button', { type: 'submit', id: 'whatif-run' }, 'Simulate'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(read(form));
  });
  return form;
}

const input = (form: HTMLFormElement, id: string): HTMLInputElement => form.querySelector(`#${id}`) as HTMLInputElement;

function read(form: HTMLFormElement): WhatIfValues {
  const value = (id: string): string => input(form, id).value;
  return {
    tpp: value('whatif-tpp'),
    tpp2: value('whatif-tpp2'),
    pd: value('whatif-pd'),
    destinations: value('whatif-destinations'),
    remoteAccess: input(form, 'whatif-remote').checked,
  };
}

function fill(form: HTMLFormElement, v: WhatIfValues): void {
  input(form, 'whatif-tpp').value = v.tpp;
  input(form, 'whatif-tpp2').value = v.tpp2;
  input(form, 'whatif-pd').value = v.pd;
  input(form, 'whatif-destinations').value = v.destinations;
  input(form, 'whatif-remote').checked = v.remoteAccess;
}
