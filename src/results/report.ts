// Everything one scan produced, as the reporters and the attestation read it.
import type { InputRecord, NotScanned, ReadError } from '../readers/native.js';
import type { Finding } from './finding.js';
import type { NotJudgedType } from './not-judged.js';
import type { Summary } from './summary.js';

export interface ScanReport {
  tool: { name: 'kikan'; version: string };
  catalog: { version: string; source: string };
  /** ISO time the scan ran. */
  scannedAt: string;
  /** `iac`, `aws`, `azure`. */
  kind: 'iac' | 'aws' | 'azure';
  findings: Finding[];
  inputs: InputRecord[];
  errors: ReadError[];
  notScanned: NotScanned[];
  /** Types read that no control judges (absent in reports written before it existed). */
  notJudged?: NotJudgedType[];
  summary: Summary;
}
