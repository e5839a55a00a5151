// The two Japanese regions of each cloud (Tokyo / Osaka, Japan East / West):
// off-site copies of classified data belong in the region the data is not in.
import type { Cloud } from '../../readers/native.js';

const JAPANESE: Record<Cloud, readonly string[]> = {
  aws: ['ap-northeast-1', 'ap-northeast-3'],
  azure: ['japaneast', 'japanwest'],
};

/** The Japanese regions other than `region` (both when `region` is outside Japan). */
export function otherJapaneseRegions(cloud: Cloud, region: string): string[] {
  const r = region.replace(/\s+/g, '').toLowerCase();
  return JAPANESE[cloud].filter((x) => x !== r);
}

export function isJapaneseRegion(cloud: Cloud, region: string): boolean {
  return JAPANESE[cloud].includes(region.replace(/\s+/g, '').toLowerCase());
}
