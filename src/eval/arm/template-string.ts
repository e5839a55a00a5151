// How a JSON string in a template is read: `[expr]` is an expression, a
// leading `[[` escapes the bracket (the string is literal, minus one `[`),
// anything else is a literal.

export type TemplateString = { kind: 'literal'; value: string } | { kind: 'expression'; text: string };

export function classifyTemplateString(s: string): TemplateString {
  if (s.startsWith('[[')) return { kind: 'literal', value: s.slice(1) };
  if (s.length >= 2 && s.startsWith('[') && s.endsWith(']')) return { kind: 'expression', text: s.slice(1, -1) };
  return { kind: 'literal', value: s };
}
