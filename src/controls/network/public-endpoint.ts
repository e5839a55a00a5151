// How the closed-segment controls (LG-3.3, LG-3.7) describe an Azure service
// whose public network access is on. The public endpoint is what fails them;
// what its firewall admits is told alongside, a deny-by-default firewall as a
// mitigating note (rules can still be added outside the template), never as
// a pass.
import type { PublicFirewall } from '../../model/data.js';
import type { Fact, KnownFact } from '../../model/fact.js';
import type { SourceLoc } from '../../readers/value.js';
import type { LocalText } from '../../results/finding.js';

function defaultNote(f: KnownFact<unknown>): LocalText {
  return f.defaulted ? { ja: '（既定値）', en: ' (default)' } : { ja: '', en: '' };
}

/** "Public network access is enabled", then what the firewall admits on that endpoint when that is known. */
/** What is public, as the messages name it; an EKS cluster names its API endpoint. */
export const PUBLIC_NETWORK_ACCESS: LocalText = { ja: '公開ネットワークアクセス', en: 'public network access' };

export function publicAccessText(access: KnownFact<boolean>, firewall: Fact<PublicFirewall> | undefined, subject: LocalText = PUBLIC_NETWORK_ACCESS): LocalText {
  const on = defaultNote(access);
  if (!firewall?.known) return { ja: `${subject.ja}が有効${on.ja}です`, en: `${subject.en} is enabled${on.en}` };
  switch (firewall.value) {
    case 'denies':
      return {
        ja: `${subject.ja}が有効${on.ja}です（ファイアウォールの既定動作は拒否ですが、公開エンドポイントは存在します）`,
        en: `${subject.en} is enabled${on.en} (its firewall denies by default, but the public endpoint exists)`,
      };
    case 'admits-azure-services':
      return {
        ja: `${subject.ja}が有効${on.ja}で、ファイアウォール規則「Azure サービスからのアクセスを許可」（0.0.0.0）により、他の顧客のものを含む Azure 内のすべてのリソースから接続できます`,
        en: `${subject.en} is enabled${on.en} and its firewall rule "allow Azure services" (0.0.0.0) admits every resource in Azure, other customers' included`,
      };
    case 'admits-ranges':
      return {
        ja: `${subject.ja}が有効${on.ja}で、ファイアウォールが IP アドレス範囲を許可しており、インターネットから直接アクセスできます`,
        en: `${subject.en} is enabled${on.en} and its firewall admits IP address ranges, so it is reachable from the internet`,
      };
    case 'allows-all': {
      const all = defaultNote(firewall);
      return {
        ja: `${subject.ja}が有効${on.ja}で、ファイアウォールがすべてのアドレスを許可しており${all.ja}、インターネットから直接アクセスできます`,
        en: `${subject.en} is enabled${on.en} and its firewall admits every address${all.en}, so it is reachable from the internet`,
      };
    }
  }
}

/** The firewall state for a result's evidence: what it admits and where that is written, or why it cannot be told. */
export function firewallEvidence(firewall: Fact<PublicFirewall> | undefined): Record<string, unknown> {
  if (!firewall) return {};
  if (!firewall.known) return { firewall: 'unknown', firewallUnknown: firewall.cause.detail };
  return { firewall: firewall.value, ...(firewall.loc && !firewall.defaulted ? { firewallAt: `${firewall.loc.file}:${firewall.loc.line}` } : {}) };
}

/**
 * Where to point: the public access setting when written; when it is the
 * platform default, a written firewall setting that admits addresses is the
 * more telling line.
 */
export function publicAccessLocation(access: KnownFact<boolean>, firewall: Fact<PublicFirewall> | undefined): SourceLoc | undefined {
  if (!access.defaulted || !firewall?.known || firewall.defaulted || firewall.value === 'denies') return access.loc;
  return firewall.loc ?? access.loc;
}
