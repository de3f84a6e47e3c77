import { isDate } from './view-state.js';

export interface TimeControl {
  /** Shows these dates without announcing a change. */
  set(asOf: string, compare: string): void;
  /** Adds dates (validFrom / validTo of what is drawn) as stops of the slider. */
  addStops(dates: Iterable<string>): void;
}

interface Elements {
  readonly date: HTMLInputElement;
  readonly compare: HTMLInputElement;
  readonly slider: HTMLInputElement;
  readonly play: HTMLButtonElement;
  readonly error: HTMLElement;
}

/**
 * The date box, the compare box and the slider over the dates in the graph. A date is taken only when whole
 * and real (yyyy-mm-dd); anything else is refused in place, with the box marked invalid, and nothing changes.
 */
export function setupTime(el: Elements, onChange: (asOf: string, compare: string) => void): TimeControl {
  const stops = new Set<string>();
  let sorted: string[] = [];
  let timer: ReturnType<typeof setInterval> | undefined;

  function check(input: HTMLInputElement, label: string): string | null {
    const value = input.value.trim();
    if (value === '' || isDate(value)) {
      input.removeAttribute('aria-invalid');
      return value;
    }
    input.setAttribute('aria-invalid', 'true');
    el.error.textContent = `${label} “${value}” is not a whole date: write it as yyyy-mm-dd (2025-06-01), or leave it empty.`;
    return null;
  }

  function commit(): void {
    const asOf = check(el.date, 'As of');
    const compare = asOf === null ? null : check(el.compare, 'Compare with');
    if (asOf === null || compare === null) return;
    el.error.textContent = '';
    syncSlider(asOf);
    onChange(asOf, compare);
  }

  function syncSlider(asOf: string): void {
    el.slider.max = String(Math.max(0, sorted.length - 1));
    const at = sorted.findLastIndex((d) => d <= asOf);
    el.slider.value = String(asOf ? Math.max(0, at) : sorted.length - 1);
    el.slider.setAttribute('aria-valuetext', asOf || 'any date');
    el.slider.disabled = sorted.length < 2;
  }

  for (const input of [el.date, el.compare]) {
    input.addEventListener('change', commit);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') commit();
    });
  }
  el.slider.addEventListener('input', () => {
    el.date.value = sorted[Number(el.slider.value)] ?? '';
    commit();
  });
  el.play.addEventListener('click', () => {
    if (timer) return stop();
    el.play.textContent = '⏸ Pause';
    el.play.setAttribute('aria-pressed', 'true');
    timer = setInterval(() => {
      const next = Number(el.slider.value) + 1;
      if (next >= sorted.length) return stop();
      el.slider.value = String(next);
      el.slider.dispatchEvent(new Event('input'));
    }, 1500);
  });
  function stop(): void {
    clearInterval(timer);
    timer = undefined;
    el.play.textContent = '▶ Play';
    el.play.setAttribute('aria-pressed', 'false');
  }

  return {
    set(asOf, compare) {
      el.date.value = asOf;
      el.compare.value = compare;
      el.date.removeAttribute('aria-invalid');
      el.compare.removeAttribute('aria-invalid');
      syncSlider(asOf);
    },
    addStops(dates) {
      for (const d of dates) if (isDate(d)) stops.add(d);
      sorted = [...stops].sort();
      syncSlider(el.date.value.trim());
    },
  };
}
