// The resource types an account/region's Config recorder holds, counted by
// one advanced query. kikan reads only the types its controls judge; the
// others are named in the report (notJudged), so that a clean live report is
// never taken to cover a service kikan did not look at.
import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { SelectAggregateResourceConfigCommand, SelectResourceConfigCommand } from '@aws-sdk/client-config-service';
import type { ReadError } from '../../readers/native.js';
import type { NotReadType } from '../../results/not-judged.js';
import { callError } from './call-error.js';

/** A type counted in an account/region scope (or aggregator); the caller adds the source. */
type RecordedType = Omit<NotReadType, 'source'>;

const COUNT_EXPRESSION = 'SELECT resourceType, COUNT(*) GROUP BY resourceType';

/** Config's own bookkeeping items (rule and conformance-pack results), not resources of the account. */
const BOOKKEEPING = new Set(['AWS::Config::ResourceCompliance', 'AWS::Config::ConformancePackCompliance']);

const MAX_PAGES = 1_000;

type Page = { Results?: string[]; NextToken?: string };

/** Counts of every recorded type, from the account's recorder or from an aggregator (`aggregator` set). */
export async function readRecordedTypes(
  client: ConfigServiceClient,
  scope: string,
  aggregator?: string,
): Promise<{ types: RecordedType[]; errors: ReadError[] }> {
  const call = aggregator ? 'config:SelectAggregateResourceConfig' : 'config:SelectResourceConfig';
  const types: RecordedType[] = [];
  const errors: ReadError[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let response: Page;
    try {
      response = aggregator
        ? await client.send(new SelectAggregateResourceConfigCommand({ ConfigurationAggregatorName: aggregator, Expression: COUNT_EXPRESSION, NextToken: token }))
        : await client.send(new SelectResourceConfigCommand({ Expression: COUNT_EXPRESSION, NextToken: token }));
    } catch (e) {
      errors.push(callError(scope, `${call} (${COUNT_EXPRESSION})`, `the resource types of ${scope} that kikan does not read are not listed`, e));
      return { types, errors };
    }
    for (const text of response.Results ?? []) {
      const row = parseRow(text);
      if (!row) {
        errors.push({ file: scope, message: `${call} returned a type count that is not {resourceType, COUNT(*)}; it was skipped: ${text.slice(0, 200)}` });
        continue;
      }
      if (!BOOKKEEPING.has(row.type)) types.push({ scope, ...row });
    }
    token = response.NextToken || undefined;
    if (!token) return { types, errors };
  }
  errors.push({ file: scope, message: `${call} kept returning pages of type counts after ${MAX_PAGES}; the rest were not listed` });
  return { types, errors };
}

function parseRow(text: string): { type: string; count: number } | undefined {
  let row: unknown;
  try {
    row = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = row as { resourceType?: unknown; 'COUNT(*)'?: unknown };
  if (typeof r?.resourceType !== 'string' || typeof r['COUNT(*)'] !== 'number') return undefined;
  return { type: r.resourceType, count: r['COUNT(*)'] };
}
