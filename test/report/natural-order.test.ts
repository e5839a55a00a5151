import { describe, expect, it } from 'vitest';
import { naturalCompare } from '../../src/report/natural-order.js';

describe('natural order', () => {
  it('puts numbers in number order inside IDs, files and addresses', () => {
    expect(['LG-2.10', 'LG-2.9', 'LG-10.1', 'LG-2.1'].sort(naturalCompare)).toEqual(['LG-2.1', 'LG-2.9', 'LG-2.10', 'LG-10.1']);
    expect(['main.tf:10', 'main.tf:9', 'a[10]', 'a[2]'].sort(naturalCompare)).toEqual(['a[2]', 'a[10]', 'main.tf:9', 'main.tf:10']);
  });
});
