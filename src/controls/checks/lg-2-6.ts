// LG-2.6 ストレージの公開禁止: no bucket, storage account or snapshot lets
// anyone on the internet read it. S3: Block Public Access on (all four
// settings, bucket or account), and no public ACL or public bucket policy;
// snapshots not shared with everyone; Azure: anonymous blob access disallowed
// and no anonymous container.
import type { DataStore } from '../../model/data.js';
import type { Fact } from '../../model/fact.js';
import type { LocalText } from '../../results/finding.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, locOf, pass, unknownFrom, unknownsOf } from '../draft.js';
import { defaultNote } from '../data/encryption.js';

interface Problem {
  text: LocalText;
  fact: Fact<boolean>;
}

/** The setting's name as written: Terraform's, or the ARM property (azapi_resource bodies, reported as Terraform, use it too). */
function settingName(s: DataStore, terraform: string, arm: string): string {
  const written = s.native?.source ?? s.source;
  return written === 'terraform' || written === 'terraform-plan' ? terraform : arm;
}

function guardText(s: DataStore): LocalText {
  const setting = settingName(s, 'allow_nested_items_to_be_public', 'allowBlobPublicAccess');
  return s.storeType === 'storage-account'
    ? { ja: `BLOB の匿名アクセス（${setting}）が禁止されていません`, en: `anonymous blob access (${setting}) is not disallowed` }
    : { ja: 'パブリックアクセスブロックの 4 項目がバケットでもアカウントでもすべて有効になっていません', en: 'Block Public Access is not on for all four settings, on the bucket or the account' };
}

function exposureText(s: DataStore): LocalText {
  switch (s.storeType) {
    case 'storage-account':
      return { ja: '匿名アクセスできるコンテナーがあります', en: 'a container allows anonymous access' };
    case 'container-registry': {
      const setting = settingName(s, 'anonymous_pull_enabled', 'anonymousPullEnabled');
      return { ja: `匿名プル（${setting}）が有効で、誰でもイメージを取得できます`, en: `anonymous pull (${setting}) is on: anyone can pull its images` };
    }
    case 'ebs-snapshot':
    case 'rds-snapshot':
      return { ja: 'スナップショットが全員（all）に公開されています', en: 'the snapshot is shared with everyone (all)' };
    default:
      return { ja: '公開 ACL または条件なしに全員を許可するバケットポリシーにより、誰でもアクセスできます', en: 'a public ACL or a bucket policy that allows everyone without conditions makes it readable by anyone' };
  }
}

function judge(s: DataStore): Draft | undefined {
  const guard = s.publicAccessBlocked;
  const exposed = s.publicRead;
  if (!guard && !exposed) return undefined;
  const problems: Problem[] = [];
  if (exposed?.known && exposed.value) problems.push({ text: exposureText(s), fact: exposed });
  if (guard?.known && !guard.value) {
    const note = defaultNote(guard);
    const t = guardText(s);
    problems.push({ text: { ja: `${t.ja}${note.ja}`, en: `${t.en}${note.en}` }, fact: guard });
  }
  const evidence = {
    ...(guard?.known ? { publicAccessBlocked: guard.value } : {}),
    ...(exposed?.known ? { publicRead: exposed.value } : {}),
  };
  if (problems.length) {
    return fail(
      s,
      { ja: problems.map((p) => p.text.ja).join('。'), en: problems.map((p) => p.text.en).join('; ') },
      { location: locOf(problems[0].fact, s), evidence },
    );
  }
  const open = unknownsOf(guard, exposed);
  if (open.length) {
    return unknownFrom(s, { ja: '公開されているか判定できません', en: 'cannot tell whether it is public' }, open, { evidence });
  }
  const text: LocalText = guard
    ? s.storeType === 'storage-account'
      ? { ja: 'BLOB の匿名アクセスは禁止され、公開されていません', en: 'anonymous blob access is disallowed; not public' }
      : { ja: 'パブリックアクセスブロックが有効で、公開されていません', en: 'Block Public Access is on; not public' }
    : { ja: '公開されていません', en: 'not public' };
  const note = guard ? defaultNote(guard) : { ja: '', en: '' };
  return pass(s, { ja: `${text.ja}${note.ja}`, en: `${text.en}${note.en}` }, { location: locOf(guard ?? exposed, s), evidence });
}

export const check: ControlCheck = {
  id: 'LG-2.6',
  check({ model }) {
    const drafts: Draft[] = [];
    for (const s of model.all('data-store')) {
      const d = judge(s);
      if (d) drafts.push(d);
    }
    return drafts;
  },
};
