// Reading the loose JSON of a configuration item while translating it into
// definition properties: objects, lists of objects, and a property bag
// without the fields the item leaves empty.
export type Doc = Record<string, unknown>;

export function doc(v: unknown): Doc | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Doc) : undefined;
}

export function list(v: unknown): Doc[] {
  return Array.isArray(v) ? v.flatMap((x) => (doc(x) ? [x as Doc] : [])) : [];
}

export function defined(o: Doc): Doc {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}
