// Checks what the schema cannot: that dates exist, CIDRs parse, segment and
// region names are real, control IDs are in the catalog, and that entries
// say enough to mean something. The data may still hold schema errors, so
// every access is guarded; those parts are left to the schema's messages.
import type { ControlKind } from '../controls/catalog/types.js';
import { parseCidr } from '../graph/cidr.js';
import { parseClassification } from './classification.js';
import { didYouMean } from './did-you-mean.js';
import { shown, type SchemaProblem } from './schema-messages.js';
import { CLOSED_SEGMENTS, parseSegment } from './types.js';

export interface ValueContext {
  /** Catalog control IDs and their kinds. */
  controls: ReadonlyMap<string, ControlKind>;
}

type Entry = Record<string, unknown>;

const SEGMENT_NAMES = ['mynumber', 'lgwan', 'internet', 'マイナンバー利用事務系', 'LGWAN接続系', 'インターネット接続系'];
/** Cloud region names: `ap-northeast-1`, `japaneast`. */
const REGION_NAME = /^[a-z][a-z0-9-]*[a-z0-9]$/;
/** A domain, `*.domain`, `.domain` (Network Firewall's subdomain form) or a one-word Azure FQDN tag. */
const DOMAIN_PATTERN = /^(\*\.|\.)?[a-z0-9_](?:[a-z0-9_-]{0,62})(\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*$/i;

function isEntry(v: unknown): v is Entry {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The map items of list `key`, with their index; anything else the schema reports. */
function entries(data: Entry, key: string): [number, Entry][] {
  const list = data[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item, i): [number, Entry][] => (isEntry(item) ? [[i, item]] : []));
}

function strings(v: unknown): [number, string][] {
  return Array.isArray(v) ? v.flatMap((s, i): [number, string][] => (typeof s === 'string' ? [[i, s]] : [])) : [];
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A real calendar day written YYYY-MM-DD (the schema checks the shape). */
function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return true;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function ipv4Text(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
}

export function checkValues(data: unknown, ctx: ValueContext): SchemaProblem[] {
  if (!isEntry(data)) return [];
  const out: SchemaProblem[] = [];
  const problem = (path: (string | number)[], ja: string, en: string) => out.push({ path: path.map(String), message: { ja, en } });

  const checkDate = (path: (string | number)[], v: unknown) => {
    const s = text(v);
    if (s !== undefined && !isCalendarDate(s)) problem(path, `${s} という日付はありません`, `${shown(s)} is not a date in the calendar`);
  };

  const checkRegion = (path: (string | number)[], v: unknown) => {
    const s = text(v);
    if (s === undefined || !/\S/.test(s) || REGION_NAME.test(s)) return;
    const fixed = s.toLowerCase().replace(/\s+/g, '');
    const hint = REGION_NAME.test(fixed) ? `; did you mean "${fixed}"?` : '';
    problem(path, 'リージョン名は ap-northeast-1 や japaneast のように書きます', `${shown(s)} is not a region name like ap-northeast-1 or japaneast${hint}`);
  };

  const checkControl = (path: (string | number)[], v: unknown, allowAll: boolean) => {
    const id = text(v);
    if (id === undefined || (allowAll && id === '*') || !/^LG-\d+\.\d+$/.test(id) || ctx.controls.has(id)) return;
    const guess = didYouMean(id, ctx.controls.keys(), 0);
    problem(path, `管理策 ${id} はカタログにありません（kikan controls で一覧できます）`, `no control ${id} in the catalog (kikan controls lists them)${guess ? `; did you mean "${guess}"?` : ''}`);
  };

  const checkSegment = (path: (string | number)[], v: unknown, closedOnly: boolean) => {
    const s = text(v);
    if (s === undefined || !/\S/.test(s)) return;
    const segment = parseSegment(s);
    if (!segment) {
      const guess = didYouMean(s, SEGMENT_NAMES);
      problem(
        path,
        `区分 "${s}" はありません（mynumber / マイナンバー利用事務系、lgwan / LGWAN接続系、internet / インターネット接続系）`,
        `unknown segment ${shown(s)}: write mynumber, lgwan or internet, or their Japanese names${guess ? `; did you mean "${guess}"?` : ''}`,
      );
    } else if (closedOnly && !CLOSED_SEGMENTS.includes(segment)) {
      problem(path, 'インターネット接続系には承認する経路がありません（承認経路は閉域の区分のためのものです）', 'approved paths are for the closed segments (mynumber, lgwan); the internet segment needs none');
    }
  };

  const checkCidr = (path: (string | number)[], v: unknown) => {
    const s = text(v)?.trim();
    if (s === undefined || s === '') return;
    const cidr = s.includes('/') ? parseCidr(s) : undefined;
    if (!cidr) {
      problem(path, 'CIDR（例: 10.10.0.0/16）を書きます', `${shown(s)} is not a CIDR block like 10.10.0.0/16`);
      return;
    }
    const address = parseCidr(s.slice(0, s.indexOf('/')))!;
    if (address.base !== cidr.base) {
      const hint = cidr.family === 'ipv4' ? `; did you mean "${ipv4Text(cidr.base)}/${cidr.prefix}"?` : '';
      problem(path, 'CIDR のホスト部が 0 ではありません（ネットワークアドレスを書きます）', `${shown(s)} has host bits set${hint}`);
    }
  };

  // Where the definitions deploy: one of the two names, both are "the region".
  if (data.region !== undefined && data.location !== undefined) {
    problem(['location'], 'region と location はどちらか一方だけを書きます', 'give region or location, not both (both set the deployment region)');
  }
  checkRegion(['region'], data.region);
  checkRegion(['location'], data.location);
  for (const [i, r] of strings(data.allowedRegions)) checkRegion(['allowedRegions', i], r);

  for (const [i, s] of entries(data, 'segments')) {
    checkSegment(['segments', i, 'segment'], s.segment, false);
    if (s.address === undefined && s.resourceId === undefined && s.cidr === undefined) {
      problem(['segments', i], 'address、resourceId、cidr のどれかで対象を書きます', 'says which networks it assigns: give address, resourceId or cidr');
    }
    checkCidr(['segments', i, 'cidr'], s.cidr);
  }

  const pathIds = new Map<string, number>();
  for (const [i, p] of entries(data, 'approvedPaths')) {
    const id = text(p.id);
    if (id !== undefined) {
      const first = pathIds.get(id);
      if (first !== undefined) problem(['approvedPaths', i, 'id'], `id "${id}" は ${first + 1} 番目の承認経路と重複しています`, `id ${shown(id)} is already used by approved path ${first + 1}`);
      else pathIds.set(id, i);
    }
    for (const [j, s] of strings(p.segments)) checkSegment(['approvedPaths', i, 'segments', j], s, true);
    for (const [j, d] of strings(p.domains)) checkDomain(['approvedPaths', i, 'domains', j], d, problem);
    const domains = Array.isArray(p.domains) ? p.domains.length : 0;
    const tags = Array.isArray(p.serviceTags) ? p.serviceTags.length : 0;
    if (domains === 0 && tags === 0) {
      problem(['approvedPaths', i], '承認する接続先を domains か serviceTags に書きます', 'approves nothing: list the destinations in domains or serviceTags');
    }
    checkDate(['approvedPaths', i, 'expires'], p.expires);
  }

  const inheritedAt = new Map<string, number>();
  for (const [i, c] of entries(data, 'inherited')) {
    checkControl(['inherited', i, 'control'], c.control, false);
    const id = text(c.control);
    if (id === undefined) continue;
    if (ctx.controls.get(id) === 'attest') {
      problem(['inherited', i, 'control'], `${id} は組織的な管理策で、自己点検の回答で扱います（継承にはできません）`, `${id} is an attest control: answer it in the attestation questionnaire, it cannot be inherited`);
    }
    const first = inheritedAt.get(id);
    if (first !== undefined) problem(['inherited', i, 'control'], `${id} は ${first + 1} 番目ですでに継承としています`, `${id} is already declared inherited by item ${first + 1}`);
    else inheritedAt.set(id, i);
  }

  for (const [i, w] of entries(data, 'waivers')) {
    checkControl(['waivers', i, 'control'], w.control, true);
    if (w.control === '*' && w.address === undefined && w.file === undefined) {
      problem(['waivers', i], 'すべての管理策の除外（control: *）には address か file で範囲を書きます', 'a waiver of every control (control: *) must be scoped by address or file');
    }
    checkDate(['waivers', i, 'expires'], w.expires);
    const file = text(w.file);
    // Finding locations are relative to the scan root, so an absolute glob would never match.
    if (file !== undefined && /^(\/|[A-Za-z]:[\\/])/.test(file)) {
      problem(['waivers', i, 'file'], 'file は検査するディレクトリからの相対パスで書きます', `${shown(file)} is absolute: write the path relative to the scan root`);
    }
  }

  const replication = data.replication;
  if (isEntry(replication)) {
    const c = replication.classification;
    if ((typeof c === 'string' || typeof c === 'number') && parseClassification(c) === undefined) {
      problem(['replication', 'classification'], '機密性は 3、2、1（または 機密性3 など）で書きます', `${shown(c)} is not a classification: write 3, 2 or 1 (or 機密性3 …)`);
    }
  }
  return out;
}

function checkDomain(path: (string | number)[], d: string, problem: (path: (string | number)[], ja: string, en: string) => void): void {
  if (!/\S/.test(d)) return;
  const url = /^[a-z]+:\/\/([^/:]+)/i.exec(d);
  if (url) {
    problem(path, 'URL ではなくドメイン名を書きます', `${shown(d)} is a URL: write the domain only ("${url[1]}")`);
  } else if (d === '*' || d === '*.' || d === '.') {
    problem(path, 'すべてのドメインは承認できません（インターネットへの接続と同じです）', 'approving every domain is an open internet connection, not a managed-service path');
  } else if (!DOMAIN_PATTERN.test(d) || d.length > 253) {
    problem(path, 'ドメイン名（例: *.windowsupdate.com、.example.jp）を書きます', `${shown(d)} is not a domain like *.windowsupdate.com or .example.jp`);
  }
}
