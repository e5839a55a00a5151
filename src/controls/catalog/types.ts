// The control catalog as data: what controls/*.yaml hold once validated.
// IDs are a fixed contract (SPEC §3); everything else is the project's words.
import type { SourceKind } from '../../readers/native.js';
import type { LocalText, Severity } from '../../results/finding.js';

export type ControlKind = 'code' | 'live' | 'attest';

/** How a questionnaire question is answered. `yesno_partial` adds "partly". */
export type AttestAnswerType = 'yesno' | 'yesno_partial' | 'text' | 'date';

export type EvidenceRequirement = 'required' | 'optional';

/** One question of the self-attestation questionnaire (SPEC §6). */
export interface AttestQuestion {
  /** `<control ID>.q<n>`, numbered from 1 in order. */
  id: string;
  text: LocalText;
  answer: AttestAnswerType;
  evidence: EvidenceRequirement;
  help: LocalText;
}

/** A numeric default the policy file may override. Never a guideline figure. */
export interface Threshold {
  default: number;
  unit: 'days';
  /** Says that the figure is a kikan default and what to base a change on. */
  note: LocalText;
}

/**
 * What kikan checks, per cloud. `common` is for checks that read the same on
 * both clouds and for the questionnaire of attest controls.
 */
export interface ControlChecks {
  common?: LocalText;
  aws?: LocalText;
  azure?: LocalText;
}

export interface ControlRefs {
  /** JIS Q 27017 controls: `CLD.x.y.z` cloud additions or 27002 numbers `x.y.z`. */
  jisq27017: string[];
  /** Short pointer into the source draft (chapter 5 heading, 想定論点). */
  guideline: string;
}

export interface ControlDefinition {
  id: string;
  kind: ControlKind;
  /** Area of the draft's chapter 5 (1–8); the ID's first number. */
  area: number;
  /** Section of the base guideline's 対策基準 (area 8 maps to "9"). */
  policySection: string;
  /** Default severity of a failing finding. */
  severity: Severity;
  title: LocalText;
  rationale: LocalText;
  remediation: LocalText;
  checks: ControlChecks;
  refs: ControlRefs;
  /** Input formats that can show this control; empty for attest controls. */
  inputs: SourceKind[];
  thresholds?: Record<string, Threshold>;
  /** Questionnaire part: required for attest controls, optional for others. */
  attest?: AttestQuestion[];
}

export interface CatalogSource {
  title: LocalText;
  /** Version of the source document, e.g. `draft (骨子案)`. */
  version: string;
  /** The guideline the draft extends, and the standard that one is based on. */
  extends: { title: LocalText; basis: string };
  cloudStandard: string;
  note: LocalText;
}

/** A section of the base guideline's 対策基準. */
export interface PolicySection {
  section: string;
  title: LocalText;
}

/** An area of the draft's chapter 5. */
export interface CatalogArea {
  area: number;
  title: LocalText;
  /** The 対策基準 section this area adds to. */
  policySection: string;
  /** The draft's ○ headings under this area. */
  headings: string[];
}

/** controls/catalog.yaml. */
export interface CatalogMeta {
  /** Semver of the catalog data itself. */
  catalogVersion: string;
  source: CatalogSource;
  policySections: PolicySection[];
  areas: CatalogArea[];
}

export interface Catalog {
  /** `catalogVersion` of catalog.yaml, as reports print it. */
  version: string;
  /** The source document and its version in one line, for report headers. */
  source: string;
  /** catalog.yaml as written. */
  meta: CatalogMeta;
  /** Every control, in SPEC §3 order. */
  controls: ControlDefinition[];
  byId: ReadonlyMap<string, ControlDefinition>;
}
