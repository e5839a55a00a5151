// Fn::GetAZs stands in for a list that depends on the account. What controls
// need from it is that `!Select [0, …]` and `!Select [1, …]` are different
// zones of the region, so the list holds distinct placeholder names.

/** Zone letters an account usually sees in the Japanese regions (ap-northeast-1 has no `b` for new accounts). */
const ZONE_LETTERS: Record<string, string[]> = {
  'ap-northeast-1': ['a', 'c', 'd'],
  'ap-northeast-3': ['a', 'b', 'c'],
};

/** Elsewhere we assume up to six zones; a template that selects more is selecting a zone we cannot name. */
const GENERIC_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f'];

/**
 * Zone names of a known region (`ap-northeast-1a` …), or, when the region is
 * not known, distinct placeholders `[GetAZs:0]`, `[GetAZs:1]` … that only
 * say "different zones of the deployment region".
 */
export function availabilityZones(region: string | undefined): string[] {
  if (region === undefined) return GENERIC_LETTERS.map((_, i) => `[GetAZs:${i}]`);
  const letters = Object.prototype.hasOwnProperty.call(ZONE_LETTERS, region) ? ZONE_LETTERS[region]! : GENERIC_LETTERS;
  return letters.map((l) => `${region}${l}`);
}
