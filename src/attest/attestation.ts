// The attestation as data (SPEC §6): what `kikan attest` builds from scan
// results and the vendor's answers, and what every renderer (JSON, XLSX,
// HTML) and `kikan attest verify` read. The JSON form is a contract: it may
// grow, never shrink.
import type { ControlKind, AttestAnswerType, EvidenceRequirement } from '../controls/catalog/types.js';
import type { LocalText, Severity, Status } from '../results/finding.js';
import type { SourceLoc, UnknownCause } from '../readers/value.js';

export const ATTESTATION_FORMAT = 'kikan-attestation/1';

/** A document the vendor points to as evidence for an answer. */
export interface EvidenceDocument {
  document: string;
  /** ISO date (YYYY-MM-DD) of the document's version. */
  date?: string;
  url?: string;
  /** Path relative to the answers file. */
  file?: string;
  /** SHA-256 of `file` when the attestation was built; `attest verify` recomputes it. */
  sha256?: string;
}

/** yes/no/partial/na for yes-no questions; free text or an ISO date otherwise. */
export type AnswerValue = 'yes' | 'no' | 'partial' | 'na';

/** How one question stands once answered (or not). Unanswered is `open`, never compliant. */
export type QuestionStatus = 'compliant' | 'partial' | 'non_compliant' | 'not_applicable' | 'open';

export interface QuestionResult {
  id: string;
  text: LocalText;
  answerType: AttestAnswerType;
  evidenceRequirement: EvidenceRequirement;
  /** What the vendor answered; absent when the question is unanswered. */
  answer?: {
    value: AnswerValue | string;
    explanation?: string;
    evidence: EvidenceDocument[];
    /** Where the answer is in the answers file. */
    loc?: SourceLoc;
  };
  status: QuestionStatus;
  /** Why the question is still open (unanswered, evidence missing, …). */
  openReason?: LocalText;
}

/** One finding as evidence: where it is and what it says. */
export interface FindingEvidence {
  status: Status;
  severity: Severity;
  resource: { address: string; type: string; scope?: string };
  /** file:line for code; absent for live resources (the address is the resource ID). */
  location?: SourceLoc;
  message: LocalText;
  waiver?: { reason: string; approver?: string; expires?: string; origin: 'policy' | 'inline' };
  inherited?: { evidence: string };
  fingerprint: string;
  /** For `unknown`: what the user can supply to settle it. */
  unknown?: UnknownCause[];
  /** A failure recorded in the scan's `--baseline`: still a failure here, marked so the reader knows it was known. */
  inBaseline?: boolean;
  /** The resource's tenant tag (共同利用方式). */
  tenant?: string;
}

/** The code/live side of a control: its findings' aggregate. `not_run` when no scan produced any finding for it. */
export type CodeStatus = 'pass' | 'fail' | 'unknown' | 'not_applicable' | 'inherited' | 'exception' | 'suppressed' | 'not_run';

/** The control's overall standing in the attestation. */
export type ControlStanding = 'compliant' | 'non_compliant' | 'partial' | 'open' | 'not_applicable';

export interface ControlAttestation {
  id: string;
  area: number;
  kind: ControlKind;
  severity: Severity;
  title: LocalText;
  /** Absent for attest controls. */
  code?: {
    status: CodeStatus;
    counts: Partial<Record<Status, number>>;
    findings: FindingEvidence[];
  };
  /** Questions of attest controls and attest parts; empty when the control has none. */
  questions: QuestionResult[];
  standing: ControlStanding;
  /** What is still open for this control, one line each. */
  open: LocalText[];
}

export interface AreaAttestation {
  area: number;
  title: LocalText;
  controls: ControlAttestation[];
  counts: Record<ControlStanding, number>;
}

export interface Party {
  name: string;
  /** 全国地方公共団体コード or the vendor's own identifier. */
  code?: string;
}

/** Who attests what, for whom and when: from the answers file's header. */
export interface AttestationHeader {
  vendor: Party;
  system: string;
  municipality: Party & { tenant?: string };
  period: { from: string; to: string };
  signer: { name: string; title?: string };
}

/** One scan the attestation rests on, with the hashes `attest verify` recomputes. */
export interface ScanEvidence {
  kind: 'iac' | 'aws' | 'azure';
  scannedAt: string;
  /** `inline` when run by `kikan attest`, else the report file's path. */
  source: string;
  /** Scanned files (or, for live scans, the kept resource snapshot) with SHA-256. */
  inputs: { file: string; kind: string; sha256?: string }[];
  errors: number;
  notScanned: number;
  /**
   * Directory the inputs' paths are relative to, relative to the directory
   * `kikan attest` ran in (inline scans); absent when unknown (a report file),
   * and `attest verify` then uses its --root.
   */
  root?: string;
}

/** A rendered document (XLSX, HTML) this JSON attestation vouches for, by the SHA-256 of its bytes. */
export interface AttestationDocument {
  /** Path relative to the JSON attestation's directory. */
  file: string;
  format: 'xlsx' | 'html';
  sha256: string;
}

export interface Attestation {
  format: typeof ATTESTATION_FORMAT;
  tool: { name: 'kikan'; version: string };
  catalog: { version: string };
  /** ISO time the attestation was built. */
  generatedAt: string;
  header: AttestationHeader;
  scans: ScanEvidence[];
  answers: { file: string; sha256: string };
  areas: AreaAttestation[];
  summary: Record<ControlStanding, number>;
  /** The documents rendered from this attestation, so the signed JSON covers them too. */
  documents?: AttestationDocument[];
  /** Set when the files were signed: the key that `<file>.sig` verifies with. */
  signature?: { algorithm: 'Ed25519'; publicKeySha256: string };
}
