// How an internet path appears in findings: its hops as evidence, a short
// description of how it leaves, and a key that tells paths of one subnet
// apart without line numbers.
import type { InternetExit, InternetPath } from '../../graph/types.js';
import type { LocalText } from '../../results/finding.js';

export function pathEvidence(p: InternetPath): Record<string, unknown>[] {
  return p.hops.map((h) => ({
    address: h.address,
    role: h.role,
    ...(h.loc ? { file: h.loc.file, line: h.loc.line } : {}),
    ...(h.note ? { note: h.note } : {}),
  }));
}

const EXIT_LABEL: Record<InternetExit, LocalText> = {
  'internet-gateway': { ja: 'インターネットゲートウェイ', en: 'an internet gateway' },
  'egress-only-internet-gateway': { ja: 'Egress-only インターネットゲートウェイ', en: 'an egress-only internet gateway' },
  'nat-gateway': { ja: 'NAT ゲートウェイ', en: 'a NAT gateway' },
  firewall: { ja: 'ファイアウォール', en: 'a firewall' },
  'default-outbound-access': { ja: '既定の送信アクセス', en: 'default outbound access' },
  'public-ip': { ja: 'パブリック IP', en: 'a public IP' },
  'route-to-internet': { ja: 'インターネットへのルート', en: 'a route to the internet' },
  'virtual-appliance': { ja: '仮想アプライアンス', en: 'a virtual appliance' },
  'service-endpoint': { ja: 'サービスエンドポイント', en: 'a service endpoint' },
};

/** `the NAT gateway aws_nat_gateway.egress`: how the path leaves, naming the exit hop when there is one. */
export function exitLabel(p: InternetPath): LocalText {
  const l = EXIT_LABEL[p.exit];
  const role = p.exit === 'route-to-internet' ? undefined : p.exit === 'firewall' ? 'firewall' : p.exit;
  const hop = role ? [...p.hops].reverse().find((h) => h.role === role) : undefined;
  const name = p.firewall ? p.hops.find((h) => h.id === p.firewall)?.address : hop && hop.role !== 'subnet' ? hop.address : undefined;
  return name ? { ja: `${l.ja}（${name}）`, en: `${l.en} (${name})` } : l;
}

/** The hops a path goes through, for messages: `aws_route_table.app → … → aws_nat_gateway.x` (the evidence has them all). */
export function pathSummary(p: InternetPath): string {
  const names: string[] = [];
  for (const h of p.hops.slice(1)) if (h.role !== 'route' && h.role !== 'transit-route' && names[names.length - 1] !== h.address) names.push(h.address);
  return names.length > 6 ? [...names.slice(0, 3), '…', ...names.slice(-2)].join(' → ') : names.join(' → ');
}

/** Distinguishes the paths of one subnet: family, where it opens, how it leaves. */
export function pathKey(p: InternetPath): string {
  const last = p.hops[p.hops.length - 1];
  return `${p.family} ${p.openedBy} ${p.exit} ${p.firewall ?? last?.address ?? ''}`;
}
