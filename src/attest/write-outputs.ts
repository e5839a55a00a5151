// Writes one attestation: the document asked for (XLSX, HTML or JSON) and,
// beside a rendered document, the JSON attestation `<file>.json` that records
// the document's SHA-256, so `kikan attest verify` can recompute everything
// from the JSON. With a key, each file written gets a detached `<file>.sig`
// over its exact bytes.
import type { KeyObject } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Lang } from '../report/lang.js';
import type { Attestation } from './attestation.js';
import { sha256OfBytes } from './file-hash.js';
import { publicKeySha256, SIGNATURE_SUFFIX, signatureOf } from './signing.js';

export const ATTEST_FORMATS = ['json', 'xlsx', 'html'] as const;
export type AttestFormat = (typeof ATTEST_FORMATS)[number];

const BY_EXTENSION: Record<string, AttestFormat> = { '.json': 'json', '.xlsx': 'xlsx', '.html': 'html', '.htm': 'html' };

/** The format an output file's name asks for, if its extension names one. */
export function formatOfFile(file: string): AttestFormat | undefined {
  return BY_EXTENSION[path.extname(file).toLowerCase()];
}

/** The JSON attestation: keys in the order the builder writes them, which the contract fixes. */
export function attestationJson(att: Attestation): string {
  return JSON.stringify(att, null, 2) + '\n';
}

/** Characters a file name cannot carry on Windows or Unix become `_`. */
function fileSafe(tenant: string): string {
  return tenant.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').replace(/^\.+/, '_');
}

/** `out.xlsx` -> `out-<tenant>.xlsx`: one file per municipality in 共同利用方式. */
export function tenantFile(output: string, tenant: string): string {
  const ext = path.extname(output);
  return `${output.slice(0, output.length - ext.length)}-${fileSafe(tenant)}${ext}`;
}

export interface WriteRequest {
  file: string;
  format: AttestFormat;
  lang: Lang;
  key?: KeyObject;
}

function write(file: string, bytes: string | Buffer, key: KeyObject | undefined, written: string[]): void {
  // `-o out/申告書.xlsx` into a directory not made yet: make it, as for a report.
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  written.push(file);
  if (key) {
    writeFileSync(file + SIGNATURE_SUFFIX, signatureOf(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes, key));
    written.push(file + SIGNATURE_SUFFIX);
  }
}

/** Returns the files written, the document first. */
export async function writeAttestation(att: Attestation, req: WriteRequest): Promise<string[]> {
  const written: string[] = [];
  const signed: Attestation = req.key ? { ...att, signature: { algorithm: 'Ed25519', publicKeySha256: publicKeySha256(req.key) } } : att;
  if (req.format === 'json') {
    write(req.file, attestationJson(signed), req.key, written);
    return written;
  }
  const bytes =
    req.format === 'xlsx'
      ? await (await import('./render/xlsx.js')).renderXlsx(att, req.lang)
      : Buffer.from((await import('./render/html.js')).renderHtml(att, req.lang), 'utf8');
  write(req.file, bytes, req.key, written);
  const json = req.file + '.json';
  const withDocument: Attestation = {
    ...signed,
    documents: [{ file: path.relative(path.dirname(path.resolve(json)), path.resolve(req.file)).split(path.sep).join('/'), format: req.format, sha256: sha256OfBytes(bytes) }],
  };
  write(json, attestationJson(withDocument), req.key, written);
  return written;
}
