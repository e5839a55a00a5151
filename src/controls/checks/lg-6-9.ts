// LG-6.9 秘密情報の直書き禁止: passwords and keys are not written into the
// definitions, where everyone with the repository reads them. Judged on the
// resources that take a credential (database master passwords, VM admin
// passwords, secret values: where the value is written, a tfvars line
// included) and on the inputs the definitions declare secret (NoEcho,
// secureString, sensitive) when a value is written for them anyway.
import type { LiteralSecret, SecretInput } from '../../model/entity.js';
import type { CloudModel, Entity, ScanScope } from '../../model/model.js';
import type { SourceLoc } from '../../readers/value.js';
import type { ControlCheck, Draft } from '../control.js';
import { fail, pass, unknown } from '../draft.js';
import { partKey } from '../data/entity-part.js';
import { isLive } from '../identity/account-level.js';

/**
 * Resource types whose lifters mark literal credentials: for these, no
 * `literalSecrets` means none is written. Others that take a credential are
 * unknown until their lifter reads it.
 */
const READ_STORES = new Set(['rds-instance', 'rds-cluster', 'elasticache', 'secret', 'ssm-parameter', 'sql-server', 'postgresql-server', 'mysql-server', 'mongo-cluster', 'synapse-workspace']);
const UNREAD_STORES: Record<string, string> = {
  'redshift-cluster': 'master password',
  'opensearch-domain': 'master user password',
};
const READ_COMPUTE = new Set(['azure-vm', 'azure-vmss']);

function where(loc: SourceLoc): string {
  return `${loc.file}:${loc.line}`;
}

function locKey(loc: SourceLoc): string {
  return `${loc.file}\u0000${loc.line}`;
}

function judgeEntity(e: Entity, secrets: LiteralSecret[] | undefined): Draft {
  const key = partKey(e);
  const extra = key ? { key } : {};
  if (secrets?.length) {
    const list = secrets.map((s) => `${s.attribute} (${where(s.loc)})`).join(', ');
    return fail(
      e,
      {
        ja: `秘密情報が定義に直接書かれています：${list}。Secrets Manager・Key Vault などの参照か、リポジトリの外から渡す入力にしてください`,
        en: `a secret is written into the definitions: ${list}; reference a secret store (Secrets Manager, Key Vault) or pass it from outside the repository`,
      },
      { ...extra, location: secrets[0]!.loc, evidence: { literalSecrets: secrets.map((s) => ({ attribute: s.attribute, file: s.loc.file, line: s.loc.line })) } },
    );
  }
  return pass(e, { ja: '秘密情報の直書きはありません', en: 'no secret is written into the definition' }, extra);
}

// Live reads never return a secret's value, so a live resource says nothing either way here.
function secretEntities(model: CloudModel): Draft[] {
  const drafts: Draft[] = [];
  for (const s of model.all('data-store')) {
    if (isLive(s)) continue;
    if (READ_STORES.has(s.storeType)) drafts.push(judgeEntity(s, s.literalSecrets));
    else if (s.literalSecrets?.length) drafts.push(judgeEntity(s, s.literalSecrets));
    else if (UNREAD_STORES[s.storeType]) {
      const what = UNREAD_STORES[s.storeType];
      drafts.push(
        unknown(s, { ja: `${what} が直書きされているか判定できません`, en: `cannot tell whether the ${what} is written literally` }, [
          { inputs: [`${s.address} ${what}`], detail: `the model does not say whether the ${what} of ${s.storeType} is a literal` },
        ]),
      );
    }
  }
  for (const c of model.all('compute')) {
    if (isLive(c)) continue;
    if (READ_COMPUTE.has(c.computeType) || c.literalSecrets?.length) drafts.push(judgeEntity(c, c.literalSecrets));
  }
  return drafts;
}

function secretInputs(scope: ScanScope, reported: Set<string>): Draft[] {
  const inputs: SecretInput[] | undefined = scope.secretInputs;
  if (!inputs) {
    return [
      unknown(
        scope,
        { ja: '秘密として宣言された入力（NoEcho・secureString・sensitive）に値が書かれているか判定できません', en: 'cannot tell whether inputs declared secret (NoEcho, secureString, sensitive) have values written for them' },
        [{ inputs: [`${scope.label}: secret inputs`], detail: 'the reader does not report which parameters or variables are declared secret' }],
        { key: 'secret-inputs' },
      ),
    ];
  }
  const drafts: Draft[] = [];
  for (const i of inputs) {
    // A value already reported on the resource that uses it is not reported twice.
    if (!i.literal || reported.has(locKey(i.literal))) continue;
    drafts.push(
      fail(
        scope,
        {
          ja: `秘密として宣言された入力 ${i.name}（${i.declaredAs}）の値がリポジトリに書かれています（${where(i.literal)}）`,
          en: `${i.name} is declared secret (${i.declaredAs}) but a value is written for it in the repository (${where(i.literal)})`,
        },
        { key: `secret-input:${i.name}`, location: i.literal, evidence: { input: i.name, declaredAs: i.declaredAs, declaredAt: i.loc } },
      ),
    );
  }
  if (drafts.length === 0) {
    drafts.push(
      pass(
        scope,
        {
          ja: `秘密として宣言された入力（${inputs.length}件）に値は書かれていません`,
          en: `no value is written for the ${inputs.length} inputs declared secret`,
        },
        { key: 'secret-inputs' },
      ),
    );
  }
  return drafts;
}

export const check: ControlCheck = {
  id: 'LG-6.9',
  check({ model }) {
    const drafts = secretEntities(model);
    const reported = new Set([...model.all('data-store'), ...model.all('compute')].flatMap((e) => (e.literalSecrets ?? []).map((s) => locKey(s.loc))));
    for (const scope of model.scopes) if (!isLive(scope)) drafts.push(...secretInputs(scope, reported));
    return drafts;
  },
};
