// ARM resource types are case-insensitive and templates spell them several
// ways (`Microsoft.Sql/servers/firewallrules`, `Microsoft.Cache/Redis`,
// `microsoft.insights/diagnosticsettings`), but the lifter frame matches
// types exactly. Until it compares ARM types case-insensitively, each ARM
// handler also lists the spellings seen in real templates: all lower case,
// and the last segment lower-cased or capitalised.
import type { LiftHandler } from '../../lifter.js';

function spellings(type: string): string[] {
  const parts = type.split('/');
  const last = parts.pop()!;
  const head = parts.join('/');
  return [type, type.toLowerCase(), `${head}/${last.toLowerCase()}`, `${head}/${last[0]!.toUpperCase()}${last.slice(1)}`];
}

/** The handler with every ARM type also under its common alternative spellings. */
export function withArmSpellings(h: LiftHandler): LiftHandler {
  if (!h.sources?.includes('arm')) return h;
  return { ...h, types: [...new Set(h.types.flatMap(spellings))] };
}
