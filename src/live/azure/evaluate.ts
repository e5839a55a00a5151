// Live Azure resources through the same lift, graph and controls as a
// definition scan. Each subscription asked for is a scan scope, so the
// subscription-level controls judge it even when it holds no resources.
// Findings carry no file location: the resource ID is the address.
import { evaluate } from '../../engine/scan.js';
import { StageTimer } from '../../engine/stage-timer.js';
import { CloudModel } from '../../model/model.js';
import type { Policy } from '../../policy/types.js';
import type { NativeResource } from '../../readers/native.js';
import type { Finding, Severity } from '../../results/finding.js';
import { notJudgedTypes, type NotJudgedType } from '../../results/not-judged.js';
import { subscriptionScope } from './to-native.js';

export async function liveFindings(
  resources: readonly NativeResource[],
  subscriptions: readonly string[],
  policy: Policy,
  now: Date,
  severityOf: (id: string) => Severity,
): Promise<{ findings: Finding[]; notJudged: NotJudgedType[] }> {
  const model = new CloudModel();
  for (const sub of subscriptions) {
    const scope = subscriptionScope(sub);
    model.addScope({ id: scope, scope, cloud: 'azure', source: 'azure', label: sub });
  }
  const findings = await evaluate(resources, model, policy, now, severityOf, new StageTimer());
  // A live resource has no file and line: reports name it by its resource ID instead (SARIF logical location).
  for (const f of findings) if (f.location?.file.startsWith('azure:')) delete f.location;
  return { findings, notJudged: notJudgedTypes(model.unlifted) };
}
