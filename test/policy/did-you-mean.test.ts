import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/policy/did-you-mean.js';

const keys = ['version', 'tagKeys', 'thresholds', 'allowedRegions', 'region', 'location', 'segments', 'approvedPaths', 'inherited', 'waivers', 'inlineWaivers', 'replication'];

describe('didYouMean', () => {
  it('forgives case, separators, a missing letter and a swap', () => {
    expect(didYouMean('Approved-Paths', keys)).toBe('approvedPaths');
    expect(didYouMean('waviers', keys)).toBe('waivers');
    expect(didYouMean('treshold', keys)).toBe('thresholds');
    expect(didYouMean('allowed_region', keys)).toBe('allowedRegions');
  });

  it('prefers the closest candidate', () => {
    expect(didYouMean('regin', keys)).toBe('region');
    expect(didYouMean('inlinewaiver', keys)).toBe('inlineWaivers');
  });

  it('stays quiet when nothing is plausible', () => {
    expect(didYouMean('tenant', keys)).toBeUndefined();
    expect(didYouMean('x'.repeat(500), keys)).toBeUndefined();
    expect(didYouMean('version', keys)).toBeUndefined();
  });

  it('with a zero tolerance only forgives case and separators', () => {
    const ids = ['LG-6.1', 'LG-6.10', 'LG-3.2'];
    expect(didYouMean('lg6.1', ids, 0)).toBe('LG-6.1');
    expect(didYouMean('LG-6.2', ids, 0)).toBeUndefined();
    expect(didYouMean('LG-6.100', ids, 0)).toBeUndefined();
  });
});
