// The commented starter kikan.yaml that `kikan init` writes, in Japanese.
// Defaults come from defaultPolicy() so the file always states what kikan
// would do without it. Each `# 記入例:` block is valid YAML once uncommented.
import { defaultPolicy } from './types.js';

export const PRESETS = ['govcloud'] as const;
export type Preset = (typeof PRESETS)[number];

const REGION_NOTES: Record<string, string> = {
  'ap-northeast-1': 'AWS 東京',
  'ap-northeast-3': 'AWS 大阪',
  japaneast: 'Azure 東日本',
  japanwest: 'Azure 西日本',
};

/** The platform baseline of ガバメントクラウド, for the vendor to confirm against the agency's documents. */
const GOVCLOUD_INHERITED = `# ガバメントクラウドでは、デジタル庁が用意するテンプレート（ガードレール）が
# アカウント単位のログ・構成記録・脅威検知を設定する前提で、以下を継承として
# 宣言しています。evidence の「要確認」を、実際に確認した資料名・版・該当箇所と
# 確認日に書き換えてください。確認できないものは項目ごと削除してください。
#
# LG-6.5（提供ログ機能の稼働確認）は継承にしていません。指針は「ログが提供される場合は、
# そのログ取得機能が適切かどうか検証すること」を求めており、確認するのは利用する側です
# （ライブ検査で証跡の記録・配信を確認します）。
inherited:
  - control: LG-6.1
    evidence: >-
      要確認: ガバメントクラウドのテンプレートで、組織の CloudTrail（全リージョン、
      管理イベント）が有効になっていること。Azure では Activity Log の診断設定。
      根拠資料の名称・版・該当箇所と確認日を書いてください。
  - control: LG-7.3
    evidence: >-
      要確認: ガバメントクラウドのテンプレートで、AWS Config がすべてのリソースを
      記録していること。Azure では Azure Policy。根拠資料の名称・版・該当箇所と
      確認日を書いてください。
  - control: LG-6.10
    evidence: >-
      要確認: ガバメントクラウドのテンプレートで、GuardDuty と Security Hub が
      有効になっていること。Azure では Microsoft Defender for Cloud のプラン。
      根拠資料の名称・版・該当箇所と確認日を書いてください。`;

const PLAIN_INHERITED = `# ガバメントクラウドの標準構成は kikan init --preset govcloud で書き出せます。
inherited: []
# 記入例:
# inherited:
#   - control: LG-6.1
#     evidence: 共通テンプレートの組織 CloudTrail（資料名・版・該当箇所、確認日）`;

export function renderStarterPolicy(preset?: Preset): string {
  const d = defaultPolicy();
  const regionWidth = Math.max(...d.allowedRegions.map((r) => r.length));
  const regions = d.allowedRegions
    .map((r) => `  - ${r}${REGION_NOTES[r] ? `${' '.repeat(regionWidth - r.length)} # ${REGION_NOTES[r]}` : ''}`)
    .join('\n');
  const header =
    preset === 'govcloud'
      ? '# kikan ポリシーファイル（kikan.yaml）— ガバメントクラウド用（kikan init --preset govcloud）'
      : '# kikan ポリシーファイル（kikan.yaml）';

  return `${header}
#
# 基幹業務システム（標準準拠システム）のクラウド環境を検査するときの、団体としての
# 決めごとを書きます。kikan scan は検査するディレクトリ直下の kikan.yaml を読みます
# （別の場所にあるときは --config で指定します）。書いていない項目には kikan の既定値が
# 使われます。キーの綴りや値に誤りがあると、kikan scan は行番号つきのエラーを出して
# 検査せずに終わります（終了コード 2）。

# ポリシーファイルの形式の版です。1 のままにしてください。
version: 1

# ── タグのキー名 ──
# 区分・機密性・団体・廃棄予定を表すタグのキーです。団体の命名規則に合わせて変えられます。
#   segment        ネットワーク区分: mynumber / lgwan / internet
#                  （マイナンバー利用事務系 / LGWAN接続系 / インターネット接続系 とも書けます）
#   classification 機密性: 3、2、1（機密性3 などとも書けます）
#   tenant         団体（共同利用方式で一つの環境が複数の団体を扱うとき）
#   disposal       approved とした鍵は、暗号化消去のために意図して削除予定にしたものとみなします
tagKeys:
  segment: ${d.tagKeys.segment}
  classification: ${d.tagKeys.classification}
  tenant: ${d.tagKeys.tenant}
  disposal: ${d.tagKeys.disposal}

# ── しきい値（日数）──
# いずれも kikan の既定値であり指針の数値ではありません。団体の規程（文書の保存期間、
# 監査の要件など）に合わせて変えてください。
thresholds:
  # LG-6.2 ログの保存期間の下限
  logRetentionDays: ${d.thresholds.logRetentionDays}
  # LG-4.4 バックアップの保持日数の下限
  backupRetentionDays: ${d.thresholds.backupRetentionDays}
  # LG-2.5 鍵の削除待機期間の下限（AWS KMS で設定できるのは 7〜30 日）
  keyDeletionWindowMinDays: ${d.thresholds.keyDeletionWindowMinDays}

# ── 国内リージョン（LG-2.2）──
# すべてのリソースがこのいずれかにあることを確認します。
allowedRegions:
${regions}

# ── 配置先のリージョン ──
# 定義にリージョンが書かれていないとき（CloudFormation の AWS::Region、ARM の
# resourceGroup().location）に使います。書かなければ「未確定（unknown）」として報告します。
# kikan scan の --region / --location が優先します。Azure なら location: japaneast と
# 書きます（region と location はどちらか一方だけ）。
# 記入例:
# region: ap-northeast-1

# ── ネットワーク区分の割り当て（LG-3.1〜LG-3.8）──
# タグでは表せないネットワーク（データソースや既存の ID で参照する VPC / VNet など）に
# 区分を与えます。タグより優先し、上から順に見て最初に当てはまったものを使います。
#   address     リソースアドレスのグロブ（module.mynumber.*、Microsoft.Network/virtualNetworks/vnet-mn*）
#   resourceId  リソース ID（vpc-…、/subscriptions/…）
#   cidr        この範囲に収まるネットワーク・サブネット
# 一つの項目に複数書いたときは、そのすべてに当てはまるものが対象です。
segments: []
# 記入例:
# segments:
#   - segment: マイナンバー利用事務系
#     address: "module.mynumber.*"
#   - segment: lgwan
#     resourceId: vpc-0123456789abcdef0
#   - segment: mynumber
#     cidr: 10.10.0.0/16

# ── 承認したマネージドサービスの経路（想定論点②、LG-3.2 / LG-3.4 / LG-3.8）──
# 現行のガイドラインでは、マイナンバー利用事務系と LGWAN接続系からのインターネット接続は、
# 修正プログラムやパターンファイルの取得であっても認められていません。団体が例外として
# 承認した経路だけをここに書きます。ここにない経路は不合格です。VPC エンドポイントと
# Private Endpoint はインターネットを通らないため、書かなくても認められます。承認した経路は「合格」ではなく「例外（exception）」として毎回報告され、
# 期限切れの承認や、承認より広い許可リストは不合格になります。
#   id           承認の識別子（報告に出ます）
#   segments     対象の区分（省略すると mynumber と lgwan の両方）
#   via          出口（NAT ゲートウェイ、ファイアウォール、ルートなど）のアドレスのグロブ
#   domains      接続先のドメイン（*.example.jp、.example.jp、Azure Firewall の FQDN タグ）
#   serviceTags  Azure のサービスタグ、AWS のプレフィックスリスト、サービスエンドポイント
#   reason       承認の理由（決裁番号など）
#   approver     承認者
#   expires      期限（YYYY-MM-DD、その日の終わり（日本時間）まで有効）
approvedPaths: []
# 記入例:
# approvedPaths:
#   - id: wsus-patch
#     segments: [mynumber]
#     via: aws_networkfirewall_firewall.egress
#     domains:
#       - "*.windowsupdate.com"
#       - .update.microsoft.com
#     reason: 修正プログラムの取得に限り承認（CISO 決裁 第○号）
#     approver: 情報政策課長
#     expires: 2026-03-31

# ── 継承する管理策 ──
# プラットフォームが提供する、アカウント単位の管理策（CloudTrail、AWS Config など）を根拠と
# ともに宣言します。報告では「継承（inherited）」と表示され、ライブ検査では引き続き実際の
# 設定を確認します。組織的な管理策（自己点検で回答するもの）は継承にできません。
${preset === 'govcloud' ? GOVCLOUD_INHERITED : PLAIN_INHERITED}

# ── 除外（waiver）──
# 検査結果を除外するには、理由・承認者・期限が必要です。期限を過ぎた除外は効かず、
# 結果は不合格のまま、除外が無効な理由とともに報告されます。
#   control  管理策 ID（LG-4.1 など）。すべての管理策なら "*"（address か file で範囲を限ります）
#   address  リソースアドレスのグロブ
#   file     ファイルのグロブ（検査するディレクトリからの相対パス）
waivers: []
# 記入例:
# waivers:
#   - control: LG-4.1
#     address: "aws_autoscaling_group.batch*"
#     reason: 夜間バッチは単一 AZ で業務影響なし
#     approver: 住民課長
#     expires: 2026-03-31

# ── インライン除外 ──
# Terraform / CloudFormation のコメントや Metadata、ARM の metadata に書いた除外を
# 認めるか（allow / forbid）。forbid にすると、除外はこのファイルだけで管理します。
inlineWaivers: ${d.allowInlineWaivers ? 'allow' : 'forbid'}

# ── 遠隔地保管（LG-4.3 のオプション）──
# 指定した機密性以上のデータが、もう一方の国内リージョンにも複製またはバックアップ
# されていることを確認します。
# 記入例:
# replication:
#   classification: 3
`;
}
