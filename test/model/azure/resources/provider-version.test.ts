import { describe, expect, it } from 'vitest';
import { belowMajor } from '../../../../src/model/azure/resources/provider-version.js';

describe('provider version constraints against a major version', () => {
  it('an upper bound, a pessimistic constraint of two or more parts or an exact version below 5.0 settles "before 5.0"', () => {
    expect(belowMajor(['~> 4.10'], 5)).toBe(true);
    expect(belowMajor(['~> 3.110.0'], 5)).toBe(true);
    expect(belowMajor(['>= 3.90.0, < 5.0.0'], 5)).toBe(true);
    expect(belowMajor(['<= 4.57.0'], 5)).toBe(true);
    expect(belowMajor(['4.14.0'], 5)).toBe(true);
    expect(belowMajor(['= 2.99'], 5)).toBe(true);
  });

  it('a lower bound at 5.0 or above settles "5.0 or later"', () => {
    expect(belowMajor(['>= 5.0'], 5)).toBe(false);
    expect(belowMajor(['~> 5.1'], 5)).toBe(false);
    expect(belowMajor(['5.2.0'], 5)).toBe(false);
  });

  it('open or contradictory constraints, a single-part ~> and nothing at all settle nothing', () => {
    expect(belowMajor(['>= 3.0'], 5)).toBeUndefined();
    expect(belowMajor(['~> 4'], 5)).toBeUndefined();
    expect(belowMajor(['< 5.1.0'], 5)).toBeUndefined();
    expect(belowMajor(['!= 4.2.0'], 5)).toBeUndefined();
    expect(belowMajor(['~> 4.0', '>= 5.0'], 5)).toBeUndefined();
    expect(belowMajor(['latest'], 5)).toBeUndefined();
    expect(belowMajor(undefined, 5)).toBeUndefined();
  });
});
