// The string syntax of Fn::Sub: `${Name}`, `${Res.Attr}` and `${!Literal}`.

export type SubPart = { text: string } | { variable: string };

export function parseSubTemplate(template: string): SubPart[] {
  const parts: SubPart[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf('${', i);
    if (start < 0) break;
    const end = template.indexOf('}', start + 2);
    if (end < 0) break;
    text += template.slice(i, start);
    const inner = template.slice(start + 2, end);
    if (inner.startsWith('!')) {
      // `${!Literal}` writes `${Literal}` verbatim.
      text += `\${${inner.slice(1)}}`;
    } else {
      if (text) parts.push({ text });
      text = '';
      parts.push({ variable: inner.trim() });
    }
    i = end + 1;
  }
  text += template.slice(i);
  if (text) parts.push({ text });
  return parts;
}
