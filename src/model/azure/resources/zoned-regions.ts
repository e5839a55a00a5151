// Settings that ask for zone redundancy "where the region offers it"
// (Managed Redis high availability, Cosmos DB for MongoDB vCore
// `ZoneRedundantPreferred`) spread across zones only in a region with
// availability zones. Azure lists Japan East among them; Japan West is
// listed with the note that zone support there is limited, so whether a
// service spreads across zones in it is not known to kikan.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { defaulted, fact, unknownFact } from '../../fact.js';

const ZONED_REGIONS = new Set(['japaneast']);

/**
 * Whether the service's "zone redundant where available" placement spreads
 * over zones in the store's region; `written` when the definition asks for
 * it, rather than getting it by default.
 */
export function zonedWhereAvailable(region: Fact<string>, r: NativeResource, setting: string, loc: SourceLoc | undefined, written: boolean): Fact<boolean> {
  if (!region.known) return region;
  if (ZONED_REGIONS.has(region.value.replace(/\s+/g, '').toLowerCase())) return written ? fact(true, loc ?? r.loc) : defaulted(true, loc ?? r.loc);
  return unknownFact(
    { inputs: [setting], detail: `whether ${region.value} gives ${r.address} availability zones is not known to kikan` },
    loc ?? r.loc,
  );
}
