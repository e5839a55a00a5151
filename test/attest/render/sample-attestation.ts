// Attestations for the renderer tests, built the way the builder would:
// counts are derived from the controls, so the summary always agrees.
import type {
  AreaAttestation,
  Attestation,
  CodeStatus,
  ControlAttestation,
  ControlStanding,
  FindingEvidence,
  QuestionResult,
  ScanEvidence,
} from '../../../src/attest/attestation.js';
import { ATTESTATION_FORMAT } from '../../../src/attest/attestation.js';
import type { LocalText, Status } from '../../../src/results/finding.js';

const AREA_TITLES: LocalText[] = [
  { ja: '組織体制', en: 'Organisational structure' },
  { ja: '情報資産の分類と管理', en: 'Classification and management of information assets' },
  { ja: '情報システム全体の強靭性の向上', en: 'Strengthening the resilience of the whole information system' },
  { ja: '物理的セキュリティ', en: 'Physical security' },
  { ja: '人的セキュリティ', en: 'Personnel security' },
  { ja: '技術的セキュリティ', en: 'Technical security' },
  { ja: '運用', en: 'Operations' },
  { ja: '業務委託と外部サービスの利用', en: 'Outsourcing and use of external services' },
];

const STANDINGS: ControlStanding[] = ['compliant', 'non_compliant', 'partial', 'open', 'not_applicable'];

export function countStandings(controls: ControlAttestation[]): Record<ControlStanding, number> {
  const counts = Object.fromEntries(STANDINGS.map((s) => [s, 0])) as Record<ControlStanding, number>;
  for (const c of controls) counts[c.standing]++;
  return counts;
}

export function finding(status: Status, address: string, extra: Partial<FindingEvidence> = {}): FindingEvidence {
  return {
    status,
    severity: 'high',
    resource: { address, type: address.split('.')[0] ?? 'resource', scope: 'envs/prod' },
    location: { file: 'envs/prod/main.tf', line: 10 },
    message: { ja: `${address} の判定：${status}`, en: `${address} is ${status}` },
    fingerprint: `fp-${address}-${status}`,
    ...extra,
  };
}

export function question(id: string, status: QuestionResult['status'], answer?: QuestionResult['answer'], openReason?: LocalText): QuestionResult {
  return {
    id,
    text: { ja: `${id} の質問：責任分界を文書にしていますか。`, en: `${id}: is the responsibility split documented?` },
    answerType: 'yesno_partial',
    evidenceRequirement: 'required',
    ...(answer ? { answer } : {}),
    status,
    ...(openReason ? { openReason } : {}),
  };
}

function codeControl(id: string, standing: ControlStanding, findings: FindingEvidence[], title: LocalText): ControlAttestation {
  const counts: Partial<Record<Status, number>> = {};
  for (const f of findings) counts[f.status] = (counts[f.status] ?? 0) + 1;
  const first = findings[0]?.status;
  const status: CodeStatus = !first ? 'not_run' : findings.some((f) => f.status === 'fail') ? 'fail' : first === 'manual' ? 'unknown' : first;
  return {
    id,
    area: Number(id.split('-')[1]!.split('.')[0]),
    kind: 'code',
    severity: 'high',
    title,
    code: { status, counts, findings },
    questions: [],
    standing,
    open:
      standing === 'open'
        ? [{ ja: '検査結果がありません', en: 'No scan result' }]
        : standing === 'non_compliant'
          ? [{ ja: `不適合 ${counts.fail ?? 0} 件`, en: `${counts.fail ?? 0} failures` }]
          : [],
  };
}

/** Every standing, code and attest controls, waivers, inheritance, live resources, hostile text. */
export function sampleAttestation(overrides: { tenant?: string; manyFindings?: number } = {}): Attestation {
  const controls: ControlAttestation[] = [
    {
      id: 'LG-1.1',
      area: 1,
      kind: 'attest',
      severity: 'high',
      title: { ja: 'インシデント対応の責任分界', en: 'Responsibility split for incident handling' },
      questions: [
        question('LG-1.1.q1', 'compliant', {
          value: 'yes',
          explanation: '責任分界表を契約書別紙3として締結済み。<script>alert("x")</script> & "quoted" \'single\'',
          evidence: [{ document: '責任分界表 第2版', date: '2026-04-01', url: 'https://example.jp/docs/matrix.pdf' }],
          loc: { file: 'kikan-answers.yaml', line: 12 },
        }),
        question('LG-1.1.q2', 'open', undefined, { ja: '未回答です', en: 'Unanswered' }),
        // The answers file lists every question: a blank one has a place but no value.
        question('LG-1.1.q3', 'open', { value: '', evidence: [], loc: { file: 'kikan-answers.yaml', line: 31 } }, { ja: '未回答です', en: 'Unanswered' }),
      ],
      standing: 'open',
      open: [
        { ja: 'LG-1.1.q2 が未回答です', en: 'LG-1.1.q2 is unanswered' },
        { ja: 'LG-1.1.q3 が未回答です', en: 'LG-1.1.q3 is unanswered' },
      ],
    },
    {
      id: 'LG-1.2',
      area: 1,
      kind: 'attest',
      severity: 'medium',
      title: { ja: '第三者監査', en: 'Third-party audit' },
      questions: [
        question('LG-1.2.q1', 'partial', {
          value: 'partial',
          explanation: '=HYPERLINK("http://evil.example/","click") 年次監査のうち一部のみ実施',
          evidence: [{ document: '+監査報告書 2025年度', file: 'docs/audit-2025.pdf', sha256: 'f'.repeat(64) }],
        }),
      ],
      standing: 'partial',
      open: [{ ja: '監査範囲に運用事業者が含まれていません', en: 'The operator is outside the audit scope' }],
    },
    codeControl('LG-2.6', 'non_compliant', [
      finding('fail', 'aws_s3_bucket.juminhyo_export', { inBaseline: true, tenant: 'tenant-07' }),
      finding('pass', 'aws_s3_bucket.logs', { location: { file: 'envs/prod/logs.tf', line: 3 } }),
      finding('suppressed', 'aws_s3_bucket.tmp', {
        waiver: { reason: '-一時領域（移行作業用）', approver: '@情報政策課', expires: '2026-03-31', origin: 'inline' },
      }),
    ], { ja: 'ストレージの公開アクセス遮断', en: 'Public access blocked on storage' }),
    codeControl('LG-3.5', 'compliant', [
      finding('pass', 'azurerm_mssql_server.core', { location: { file: 'azure/db.tf', line: 44 } }),
      finding('exception', 'azurerm_mssql_server.batch', {
        waiver: { reason: '夜間バッチ専用、閉域接続', approver: 'CISO 山田', expires: '2027-03-31', origin: 'policy' },
      }),
    ], { ja: 'データベースへの公開アクセス', en: 'Public access to databases' }),
    codeControl('LG-4.1', 'not_applicable', [
      finding('not_applicable', 'aws_subnet.a', { location: undefined, resource: { address: 'arn:aws:ec2:ap-northeast-1:123456789012:subnet/subnet-0abc', type: 'AWS::EC2::Subnet' } }),
    ], { ja: '複数のアベイラビリティゾーン', en: 'Several availability zones' }),
    codeControl('LG-6.2', 'compliant', [
      finding('inherited', 'aws_cloudwatch_log_group.app', { inherited: { evidence: 'ガバメントクラウド共通基盤 ログ保管 仕様書 v3 §4.2' } }),
    ], { ja: 'ログの保存期間', en: 'Log retention' }),
    codeControl('LG-6.5', 'open', [], { ja: '暗号鍵の管理', en: 'Key management' }),
    {
      ...codeControl(
        'LG-7.1',
        'open',
        [finding('unknown', 'aws_backup_plan.daily', { unknown: [{ inputs: ['var.backup_days', 'live scan'], detail: 'retention comes from var.backup_days' }] })],
        { ja: 'バックアップ', en: 'Backups' },
      ),
      kind: 'code',
      questions: [
        question('LG-7.1.q1', 'not_applicable', { value: 'na', evidence: [] }),
        {
          ...question('LG-7.1.q2', 'compliant', { value: '2026-05-20', evidence: [{ document: '復旧訓練記録' }] }),
          answerType: 'date',
          text: { ja: '直近の復旧訓練の実施日を記入してください。', en: 'When was the last restore drill?' },
        },
      ],
      open: [{ ja: '判定不能：aws_backup_plan.daily の保存期間（変数 backup_days を指定してください）', en: 'Unknown: retention of aws_backup_plan.daily (supply variable backup_days)' }],
    },
    {
      id: 'LG-8.1',
      area: 8,
      kind: 'attest',
      severity: 'high',
      title: { ja: '委託先の管理', en: 'Managing contractors' },
      questions: [
        question('LG-8.1.q1', 'non_compliant', {
          value: 'no',
          explanation: '長文の説明。'.repeat(120) + '@末尾',
          evidence: [],
        }),
      ],
      standing: 'non_compliant',
      open: [{ ja: '再委託先の監督手順がありません', en: 'No procedure for supervising subcontractors' }],
    },
  ];
  const many = overrides.manyFindings ?? 0;
  if (many) {
    controls[2]!.code!.findings.push(
      ...Array.from({ length: many }, (_, i) => finding('fail', `aws_s3_bucket.bulk_${i}`, { location: { file: `envs/bulk/b${i}.tf`, line: i + 1 } })),
    );
    controls[2]!.code!.counts.fail = (controls[2]!.code!.counts.fail ?? 0) + many;
  }
  const areas: AreaAttestation[] = AREA_TITLES.map((title, i) => {
    const inArea = controls.filter((c) => c.area === i + 1);
    return { area: i + 1, title, controls: inArea, counts: countStandings(inArea) };
  });
  const scans: ScanEvidence[] = [
    {
      kind: 'iac',
      scannedAt: '2026-11-28T01:10:00Z',
      source: 'inline',
      root: 'infra',
      inputs: [
        { file: 'envs/prod/main.tf', kind: 'terraform', sha256: 'a'.repeat(64) },
        { file: 'envs/prod/logs.tf', kind: 'terraform', sha256: 'b'.repeat(64) },
        { file: 'azure/db.tf', kind: 'terraform', sha256: 'c'.repeat(64) },
        { file: 'envs/<odd>&name.tf', kind: 'terraform' },
      ],
      errors: 1,
      notScanned: 0,
    },
    {
      kind: 'aws',
      scannedAt: '2026-11-27T23:00:00+09:00',
      source: 'reports/live-aws.json',
      inputs: [{ file: 'snapshot/aws-123456789012-ap-northeast-1.json', kind: 'aws-config', sha256: 'd'.repeat(64) }],
      errors: 0,
      notScanned: 2,
    },
  ];
  return {
    format: ATTESTATION_FORMAT,
    tool: { name: 'kikan', version: '0.1.0' },
    catalog: { version: '1.0.0' },
    generatedAt: '2026-11-28T02:00:00Z',
    header: {
      vendor: { name: '株式会社サンプル情報システム', code: 'V-0042' },
      system: '住民記録システム（標準準拠版）',
      municipality: { name: 'みどり市', code: '131016', ...(overrides.tenant ? { tenant: overrides.tenant } : {}) },
      period: { from: '2026-04-01', to: '2027-03-31' },
      signer: { name: '鈴木 一郎', title: '情報セキュリティ責任者' },
    },
    scans,
    answers: { file: 'kikan-answers.yaml', sha256: 'e'.repeat(64) },
    areas,
    summary: countStandings(controls),
  };
}
