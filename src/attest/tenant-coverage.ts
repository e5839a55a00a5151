// A tenant in the answers file that no scanned resource carries is almost
// always a typo ("ishikar"): every resource would then count as another
// municipality's. Said before the attestation is written.
import { didYouMean } from '../policy/did-you-mean.js';
import type { LocalText } from '../results/finding.js';
import type { Municipality } from './answers.js';
import type { ScanSource } from './scan-source.js';

export function tenantWarnings(municipalities: readonly Municipality[], scans: readonly ScanSource[], tenantTag: string): LocalText[] {
  const seen = new Set<string>();
  for (const s of scans) for (const f of s.findings) if (f.tenant !== undefined) seen.add(f.tenant);
  const shown = [...seen].sort().slice(0, 10).join(', ') || '—';
  const out: LocalText[] = [];
  for (const m of municipalities) {
    if (m.tenant === undefined || seen.has(m.tenant)) continue;
    const guess = didYouMean(m.tenant, seen);
    const hint = guess ? { ja: `（"${guess}" のことですか）`, en: `; did you mean "${guess}"?` } : { ja: '', en: '' };
    out.push({
      ja: `${tenantTag}=${m.tenant} の資源が検査結果にありません${hint.ja}。検査結果にある値: ${shown}`,
      en: `no scanned resource has ${tenantTag}=${m.tenant}${hint.en} (values found: ${shown})`,
    });
  }
  return out;
}
