// Reading a tag by the policy's key: the key as written, else any spelling
// of it, since Azure tag names are case-insensitive and vendors vary the case.
export function tagValue(tags: Readonly<Record<string, string>>, key: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(tags, key)) return tags[key];
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(tags)) if (k.toLowerCase() === lower) return v;
  return undefined;
}
