import { describe, expect, it } from 'vitest';
import { classifyRoute } from '../../src/store/analysis/classify.js';
import { weakest } from '../../src/store/analysis/common.js';

const rule = (...countries: string[]) => ({ destinations: countries.map((id) => ({ id })) as never[] });

describe('classifyRoute', () => {
  it('calls a route UNRESTRICTED when no rule restricts the chip for the home country', () => {
    const result = classifyRoute({ homeCountry: 'us', dataCenterCountry: 'sa', restrictions: [rule('cn', 'sa')] });
    expect(result).toEqual({ restrictedForHome: false, restrictedForDataCenterCountry: true, classification: 'UNRESTRICTED' });
  });

  it('calls a route UNRESTRICTED when the home country is unknown', () => {
    expect(classifyRoute({ homeCountry: null, dataCenterCountry: 'cn', restrictions: [rule('cn')] }).classification).toBe('UNRESTRICTED');
  });

  it('calls a route RESTRICTED_OFFSHORE when the data center is in a country no home-restricting rule covers', () => {
    const result = classifyRoute({ homeCountry: 'cn', dataCenterCountry: 'sg', restrictions: [rule('cn', 'mo')] });
    expect(result).toEqual({ restrictedForHome: true, restrictedForDataCenterCountry: false, classification: 'RESTRICTED_OFFSHORE' });
  });

  it('calls a route RESTRICTED_DOMESTIC at home, in a covered country, or at an unknown place', () => {
    expect(classifyRoute({ homeCountry: 'cn', dataCenterCountry: 'cn', restrictions: [rule('cn')] }).classification).toBe('RESTRICTED_DOMESTIC');
    expect(classifyRoute({ homeCountry: 'cn', dataCenterCountry: 'sg', restrictions: [rule('cn', 'sg')] }).classification).toBe('RESTRICTED_DOMESTIC');
    expect(classifyRoute({ homeCountry: 'cn', dataCenterCountry: null, restrictions: [rule('cn')] }).classification).toBe('RESTRICTED_DOMESTIC');
  });

  it('calls a route RESTRICTED_OFFSHORE when one home-restricting rule leaves the country out, even if another covers it', () => {
    // The AI Diffusion rule (Jan–May 2025) covered Singapore while the October 2023 rule did not: the loophole stayed.
    const result = classifyRoute({ homeCountry: 'cn', dataCenterCountry: 'sg', restrictions: [rule('cn'), rule('cn', 'sg')] });
    expect(result).toEqual({ restrictedForHome: true, restrictedForDataCenterCountry: true, classification: 'RESTRICTED_OFFSHORE' });
  });

  it('ignores a rule covering only the data center country when judging the loophole', () => {
    const result = classifyRoute({ homeCountry: 'cn', dataCenterCountry: 'my', restrictions: [rule('cn'), rule('my')] });
    expect(result).toEqual({ restrictedForHome: true, restrictedForDataCenterCountry: true, classification: 'RESTRICTED_OFFSHORE' });
  });
});

describe('weakest', () => {
  it('returns the weakest confidence along a path', () => {
    expect(weakest(['high', 'low', 'medium'])).toBe('low');
    expect(weakest(['high', 'medium'])).toBe('medium');
  });

  it('returns high for an empty path', () => {
    expect(weakest([])).toBe('high');
  });
});
