// LG-6.11 パッチ適用とインスタンス管理: servers are patched and managed
// through the provider's tools, and their credentials cannot be taken
// through the metadata service. AWS: instances and scaling groups can be
// managed by Systems Manager (their instance profile lets the agent
// register); instances, launch templates and scaling groups require IMDSv2.
// Azure: VMs and scale sets use the AutomaticByPlatform patch mode, which
// Update Manager's scheduled patching needs.
import type { Compute } from '../../model/compute.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, pass, unknown, unknownFrom } from '../draft.js';
import { defaultNote } from '../data/encryption.js';
import { partKey } from '../data/entity-part.js';

const RUNS_INSTANCES = new Set(['ec2-instance', 'autoscaling-group']);
const METADATA_HOLDERS = new Set(['ec2-instance', 'launch-template', 'autoscaling-group']);

function keyed(c: Compute, key: string): string {
  const part = partKey(c);
  return part ? `${part}:${key}` : key;
}

function imds(c: Compute): Draft {
  const key = keyed(c, 'imdsv2');
  const f = c.imdsV2Required;
  if (!f) {
    return unknown(c, { ja: 'IMDSv2 が必須か判定できません', en: 'cannot tell whether IMDSv2 is required' }, [
      { inputs: [`${c.address} metadata_options`], detail: 'the model does not give the metadata setting of this compute' },
    ], { key });
  }
  if (!f.known) return unknownFrom(c, { ja: 'IMDSv2 が必須か判定できません', en: 'cannot tell whether IMDSv2 is required' }, [f], { key });
  const at = { key, location: locOf(f, c) };
  const note = defaultNote(f);
  if (f.value) return pass(c, { ja: `IMDSv2 が必須です${note.ja}`, en: `IMDSv2 is required${note.en}` }, at);
  return fail(
    c,
    { ja: `IMDSv1 を使えます（トークンが必須ではありません）${note.ja}。資格情報の窃取に悪用されるおそれがあります`, en: `IMDSv1 is allowed (tokens are not required${note.en}), which lets credentials be stolen through the metadata service` },
    at,
  );
}

function ssm(c: Compute): Draft {
  const key = keyed(c, 'ssm');
  const them = c.computeType === 'autoscaling-group' ? { ja: 'グループのインスタンス', en: "the group's instances" } : { ja: 'インスタンス', en: 'the instance' };
  const f = c.managed;
  if (!f) {
    return unknown(c, { ja: `${them.ja}を Systems Manager で管理できるか判定できません`, en: `cannot tell whether Systems Manager can manage ${them.en}` }, [
      { inputs: [`${c.address} iam_instance_profile`], detail: 'the model does not say whether this compute is managed' },
    ], { key });
  }
  if (!f.known) return unknownFrom(c, { ja: `${them.ja}を Systems Manager で管理できるか判定できません`, en: `cannot tell whether Systems Manager can manage ${them.en}` }, [f], { key });
  const at = { key, location: locOf(f, c) };
  if (f.value) return pass(c, { ja: `${them.ja}を Systems Manager で管理できます（インスタンスプロファイルに必要な権限があります）`, en: `Systems Manager can manage ${them.en} (the instance profile grants what the agent needs)` }, at);
  return fail(
    c,
    c.instanceProfile
      ? {
          ja: `インスタンスプロファイルのロールに Systems Manager の権限（AmazonSSMManagedInstanceCore など）がなく、${them.ja}にパッチ適用や構成管理ができません`,
          en: `the instance profile role lacks the Systems Manager permissions (AmazonSSMManagedInstanceCore or equivalent): ${them.en} cannot be patched or managed`,
        }
      : { ja: `インスタンスプロファイルがなく、${them.ja}を Systems Manager で管理できません`, en: `no instance profile: Systems Manager cannot manage ${them.en}` },
    at,
  );
}

function patching(c: Compute): Draft {
  const f = c.managed;
  if (!f) {
    return unknown(c, { ja: 'パッチモードを判定できません', en: 'cannot tell the patch mode' }, [
      { inputs: [`${c.address} patch_mode`], detail: 'the model does not give the patch mode of this VM' },
    ]);
  }
  if (!f.known) return unknownFrom(c, { ja: 'パッチモードを判定できません', en: 'cannot tell the patch mode' }, [f]);
  const mode = c.patchMode?.known ? c.patchMode : undefined;
  const shown = mode ? (mode.value ?? 'none') : undefined;
  const at = { location: locOf(mode ?? f, c), evidence: { patchMode: shown ?? null } };
  if (f.value) return pass(c, { ja: 'パッチモードが AutomaticByPlatform で、Azure がパッチを適用します', en: 'the patch mode is AutomaticByPlatform: Azure applies patches' }, at);
  const note = mode ? defaultNote(mode) : { ja: '', en: '' };
  const is = shown ? { ja: `パッチモードが ${shown}${note.ja} で`, en: `the patch mode is ${shown}${note.en}` } : { ja: 'パッチモードが AutomaticByPlatform ではなく', en: 'the patch mode is not AutomaticByPlatform' };
  return fail(c, { ja: `${is.ja}、Azure Update Manager による計画的なパッチ適用ができません`, en: `${is.en}, so Azure Update Manager cannot patch on a schedule` }, at);
}

export const check: ControlCheck = {
  id: 'LG-6.11',
  check({ model }) {
    const drafts: Draft[] = [];
    for (const c of model.all('compute')) {
      if (c.cloud === 'aws') {
        if (METADATA_HOLDERS.has(c.computeType)) drafts.push(imds(c));
        if (RUNS_INSTANCES.has(c.computeType)) drafts.push(ssm(c));
      } else if (c.computeType === 'azure-vm' || c.computeType === 'azure-vmss') {
        drafts.push(patching(c));
      }
    }
    return drafts;
  },
};
