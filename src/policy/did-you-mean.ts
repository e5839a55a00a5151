// Suggests the intended word for a misspelt key or value ("aproved_paths" ->
// "approvedPaths"), so a policy error says how to fix itself.

/** Lower case without `_`, `-` and spaces: snake_case, kebab-case and camelCase compare equal. */
function normalize(word: string): string {
  return word.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Edits tolerated for a word of this length: short words allow fewer, so suggestions stay plausible. */
function tolerance(length: number): number {
  if (length <= 3) return 1;
  if (length <= 8) return 2;
  return 3;
}

/**
 * The closest candidate within tolerance, or undefined. A candidate that
 * starts with the word, or that the word starts with ("logRetention" for
 * "logRetentionDays"), is suggested when nothing is close by edits.
 * `maxDistance` tightens the tolerance for words where near neighbours are
 * different things (LG-3.2 and LG-3.3): 0 only forgives case and separators.
 */
export function didYouMean(word: string, candidates: Iterable<string>, maxDistance = Infinity): string | undefined {
  // Long inputs are not typos of short keys; bounding them also bounds the work.
  if (word.length > 64) return undefined;
  const w = normalize(word);
  let best: { candidate: string; distance: number } | undefined;
  let prefixed: { candidate: string; extra: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === word) return undefined;
    const c = normalize(candidate);
    const distance = editDistance(w, c);
    if (distance <= Math.min(maxDistance, tolerance(Math.max(w.length, c.length))) && (!best || distance < best.distance)) {
      best = { candidate, distance };
    }
    if (maxDistance === Infinity && Math.min(w.length, c.length) >= 4 && (c.startsWith(w) || w.startsWith(c))) {
      const extra = Math.abs(c.length - w.length);
      if (!prefixed || extra < prefixed.extra) prefixed = { candidate, extra };
    }
  }
  return best?.candidate ?? prefixed?.candidate;
}
