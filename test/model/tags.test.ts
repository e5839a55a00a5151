import { describe, expect, it } from 'vitest';
import { tagValue } from '../../src/model/tags.js';

describe('tagValue', () => {
  it('takes the key as written first, else any spelling of it', () => {
    expect(tagValue({ 'lg:segment': 'mynumber', 'LG:Segment': 'internet' }, 'lg:segment')).toBe('mynumber');
    expect(tagValue({ 'LG:Segment': 'lgwan' }, 'lg:segment')).toBe('lgwan');
    expect(tagValue({ Name: 'x' }, 'lg:segment')).toBeUndefined();
    expect(tagValue({ '': '' }, 'toString')).toBeUndefined();
  });
});
