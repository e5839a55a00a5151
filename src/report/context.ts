// What every reporter is given besides the results: the language and the
// catalog (titles, help text, references). Reporters never load it themselves.
import type { Catalog } from '../controls/catalog/types.js';
import type { LocalText } from '../results/finding.js';
import type { Lang } from './lang.js';

export interface ReportContext {
  lang: Lang;
  catalog: Catalog;
}

export function titleOf(ctx: ReportContext, controlId: string): LocalText | undefined {
  return ctx.catalog.byId.get(controlId)?.title;
}
