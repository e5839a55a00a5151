// SARIF 2.1.0 for code-scanning annotations: one rule per control that has
// results, one result per failing, unknown, excepted or suppressed finding.
import type { ControlDefinition } from '../controls/catalog/types.js';
import type { Finding, Severity } from '../results/finding.js';
import type { ScanReport } from '../results/report.js';
import type { ReportContext } from './context.js';
import { naturalCompare } from './natural-order.js';

const SHOWN = new Set(['fail', 'unknown', 'exception', 'suppressed']);

function level(f: Finding): 'error' | 'warning' | 'note' {
  if (f.status !== 'fail') return 'note';
  return f.severity === 'critical' || f.severity === 'high' ? 'error' : f.severity === 'medium' ? 'warning' : 'note';
}

/** GitHub's security-severity scale (0–10). */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

function rule(c: ControlDefinition, ctx: ReportContext) {
  const L = ctx.lang;
  const refs = [...c.refs.jisq27017.map((r) => `JIS Q 27017 ${r}`), c.refs.guideline];
  const help = [c.rationale[L], '', `${L === 'ja' ? '対応' : 'Remediation'}: ${c.remediation[L]}`, '', refs.join(' / ')].join('\n');
  return {
    id: c.id,
    name: c.id.replace(/[^A-Za-z0-9]/g, ''),
    shortDescription: { text: `${c.id} ${c.title[L]}` },
    fullDescription: { text: c.rationale[L] },
    help: { text: help, markdown: help.replace(/\n/g, '  \n') },
    defaultConfiguration: { level: c.severity === 'critical' || c.severity === 'high' ? 'error' : 'warning' },
    properties: {
      tags: ['security', 'compliance', `area-${c.area}`, ...c.refs.jisq27017],
      'security-severity': SECURITY_SEVERITY[c.severity],
      kind: c.kind,
    },
  };
}

export function renderSarif(report: ScanReport, ctx: ReportContext): string {
  const shown = report.findings.filter((f) => SHOWN.has(f.status));
  const ruleIds = [...new Set(shown.map((f) => f.controlId))].sort(naturalCompare);
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => {
    const c = ctx.catalog.byId.get(id);
    return c ? rule(c, ctx) : { id, shortDescription: { text: id } };
  });
  const results = shown.map((f) => {
    const r: Record<string, unknown> = {
      ruleId: f.controlId,
      ruleIndex: index.get(f.controlId),
      level: level(f),
      kind: f.status === 'fail' || f.status === 'suppressed' ? 'fail' : f.status === 'unknown' ? 'review' : 'informational',
      message: { text: `${f.message[ctx.lang]} (${f.resource.address})` },
      partialFingerprints: { 'kikan/v1': f.fingerprint },
      properties: { status: f.status, severity: f.severity, resource: f.resource },
    };
    if (f.location) {
      r.locations = [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(f.location.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.location.line, startColumn: f.location.column ?? 1 },
          },
          logicalLocations: [{ fullyQualifiedName: f.resource.address, kind: 'resource' }],
        },
      ];
    } else {
      r.locations = [{ logicalLocations: [{ fullyQualifiedName: f.resource.address, kind: 'resource' }] }];
    }
    if (f.status === 'suppressed' && f.waiver) {
      r.suppressions = [{ kind: f.waiver.origin === 'inline' ? 'inSource' : 'external', justification: f.waiver.reason }];
    }
    if (f.status === 'exception') r.suppressions = [{ kind: 'external', justification: 'approved managed-service path (policy file)' }];
    return r;
  });
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kikan',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'the scan root' } } },
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: report.errors.map((e) => ({
              level: 'error',
              message: { text: e.message },
              ...(e.line
                ? { locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(e.file), uriBaseId: '%SRCROOT%' }, region: { startLine: e.line } } }] }
                : {}),
            })),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
