// `kikan attest verify`: recomputes every SHA-256 a JSON attestation records
// (scanned inputs, the answers file, evidence files, the documents rendered
// from it) and checks its detached signature, saying file by file what
// changed. Nothing is trusted from the attestation but the hashes to compare.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { UsageError } from '../cli/usage-error.js';
import type { LocalText } from '../results/finding.js';
import { ATTESTATION_FORMAT, type Attestation } from './attestation.js';
import { sha256OfFile } from './file-hash.js';
import { publicKeySha256, SIGNATURE_SUFFIX, signatureMatches } from './signing.js';
import { displayPath } from '../readers/paths.js';

export type CheckState = 'ok' | 'changed' | 'missing' | 'bad_signature' | 'unsigned' | 'not_checked';

export interface CheckItem {
  what: 'input' | 'answers' | 'evidence' | 'document' | 'signature';
  /** The file as the user finds it (relative to the working directory when inside it). */
  file: string;
  state: CheckState;
  detail?: LocalText;
}

export interface VerifyRequest {
  attestationFile: string;
  /** The directory `kikan attest` ran in: inputs and the answers file are relative to it. */
  root: string;
  /** The answers file, when it is not where the attestation says. */
  answersFile?: string;
  publicKey?: KeyObject;
}

export interface VerifyResult {
  items: CheckItem[];
  /** Inputs recorded without a hash (live sources read through APIs): nothing to recompute. */
  unhashed: number;
  ok: boolean;
}

const FAILING: ReadonlySet<CheckState> = new Set(['changed', 'missing', 'bad_signature', 'unsigned']);

/** An attestation is a few megabytes at most; a bound keeps a wrong file from being read whole. */
const MAX_ATTESTATION_BYTES = 256 * 1024 * 1024;


function readAttestation(file: string): { bytes: Buffer; att: Attestation } {
  if (!existsSync(file)) throw new UsageError(`file not found: ${file}`, file);
  if (!statSync(file).isFile()) throw new UsageError(`${file}: not a file`, file);
  if (statSync(file).size > MAX_ATTESTATION_BYTES) throw new UsageError(`${file}: too large for an attestation`, file);
  const bytes = readFileSync(file);
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new UsageError(`${file}: not JSON (${(e as Error).message}); give the .json attestation kikan attest wrote`, file);
  }
  const a = data as Partial<Attestation> | null;
  const shapeOk =
    !!a &&
    a.format === ATTESTATION_FORMAT &&
    Array.isArray(a.scans) &&
    a.scans.every((s) => s && Array.isArray(s.inputs)) &&
    !!a.answers &&
    typeof a.answers.file === 'string' &&
    typeof a.answers.sha256 === 'string' &&
    Array.isArray(a.areas);
  if (!shapeOk) throw new UsageError(`${file}: not a kikan attestation (format "${ATTESTATION_FORMAT}" expected)`, file);
  return { bytes, att: data as Attestation };
}

function compare(what: CheckItem['what'], full: string, sha256: string): CheckItem {
  const file = displayPath(full);
  if (!existsSync(full) || !statSync(full).isFile()) return { what, file, state: 'missing' };
  const now = sha256OfFile(full);
  if (now === sha256) return { what, file, state: 'ok' };
  return { what, file, state: 'changed', detail: { ja: `SHA-256 が記録と違います（記録 ${sha256.slice(0, 12)}…、現在 ${now.slice(0, 12)}…）`, en: `SHA-256 differs (recorded ${sha256.slice(0, 12)}…, now ${now.slice(0, 12)}…)` } };
}

function checkSignature(req: VerifyRequest, att: Attestation, bytes: Buffer): CheckItem {
  const sigFile = req.attestationFile + SIGNATURE_SUFFIX;
  const file = displayPath(sigFile);
  const present = existsSync(sigFile);
  if (!req.publicKey) {
    return present
      ? { what: 'signature', file, state: 'not_checked', detail: { ja: '--pubkey がないため署名を確認していません', en: 'signature not checked: no --pubkey given' } }
      : { what: 'signature', file, state: 'not_checked', detail: { ja: '署名はありません', en: 'the attestation is not signed' } };
  }
  if (!present) return { what: 'signature', file, state: 'unsigned', detail: { ja: '署名ファイルがありません', en: 'no signature file' } };
  if (att.signature && att.signature.publicKeySha256 !== publicKeySha256(req.publicKey)) {
    return { what: 'signature', file, state: 'bad_signature', detail: { ja: '別の鍵で署名されています', en: 'signed with a different key than --pubkey' } };
  }
  if (!signatureMatches(bytes, readFileSync(sigFile, 'utf8'), req.publicKey)) {
    return { what: 'signature', file, state: 'bad_signature', detail: { ja: '署名が一致しません（ファイルが署名後に変更されています）', en: 'the signature does not match: the file was changed after signing' } };
  }
  return { what: 'signature', file, state: 'ok' };
}

export function verifyAttestation(req: VerifyRequest): VerifyResult {
  const attestationFile = path.resolve(req.attestationFile);
  const { bytes, att } = readAttestation(attestationFile);
  const root = path.resolve(req.root);
  const items: CheckItem[] = [checkSignature({ ...req, attestationFile }, att, bytes)];
  let unhashed = 0;
  const seen = new Set<string>();
  const once = (full: string) => !seen.has(full) && (seen.add(full), true);

  for (const scan of att.scans) {
    const base = path.resolve(root, scan.root ?? '.');
    for (const input of scan.inputs) {
      if (!input.sha256) {
        unhashed++;
        continue;
      }
      const full = path.isAbsolute(input.file) ? input.file : path.resolve(base, input.file);
      if (once(full)) items.push(compare('input', full, input.sha256));
    }
  }

  const answersFull = req.answersFile ? path.resolve(req.answersFile) : path.resolve(root, att.answers.file);
  items.push(compare('answers', answersFull, att.answers.sha256));
  const evidenceDir = path.dirname(answersFull);
  for (const area of att.areas) {
    for (const control of area.controls ?? []) {
      for (const q of control.questions ?? []) {
        for (const doc of q.answer?.evidence ?? []) {
          if (!doc.file || !doc.sha256) continue;
          const full = path.resolve(evidenceDir, doc.file);
          if (once(full)) items.push(compare('evidence', full, doc.sha256));
        }
      }
    }
  }

  const docDir = path.dirname(attestationFile);
  for (const d of att.documents ?? []) {
    const full = path.resolve(docDir, d.file);
    if (once(full)) items.push(compare('document', full, d.sha256));
  }

  return { items, unhashed, ok: !items.some((i) => FAILING.has(i.state)) };
}
