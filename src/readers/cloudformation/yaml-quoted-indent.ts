// Templates often write a JSON policy as a multi-line quoted scalar whose
// closing line sits at the key's own indentation:
//
//     PolicyDocument: !Sub '{
//         "Version": "2012-10-17"
//     }'
//
// CloudFormation's parser and cfn-lint (PyYAML) accept this; YAML 1.2 and the
// `yaml` library want every continuation line indented past the key. Leading
// spaces of a continuation line are folded away, so indenting those lines
// changes no value and no line number: this pass does that, and the reader
// uses it only when the file as written does not parse.

/** A quoted scalar that starts a value: after `key:`, `- `, a tag or an anchor, at the start of the line. */
const OPENER = /^(\s*(?:-\s+)*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[][^#]*?)\s*:\s+)?(?:[!&][^\s]*\s+)*)(['"])/;
/** A block scalar header (`key: |`, `- >-`) whose more-indented lines are text, not YAML. */
const BLOCK_HEADER = /(?:^|\s|:)[|>][+-]?[0-9]?[+-]?\s*(?:#.*)?$/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Offset just past the closing quote of a quoted scalar in `line` from `from`, or -1 when it continues. */
function closingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/** The text with under-indented continuation lines of quoted scalars indented, or undefined when none is. */
export function indentQuotedContinuations(text: string): string | undefined {
  const lines = text.split('\n');
  let changed = false;
  let quote: { char: string; column: number } | undefined;
  let blockIndent = -1;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (quote) {
      if (line.trim() !== '' && indentOf(line) <= quote.column) {
        lines[n] = ' '.repeat(quote.column + 1 - indentOf(line)) + line;
        changed = true;
      }
      if (closingQuote(line, 0, quote.char) >= 0) quote = undefined;
      continue;
    }
    if (blockIndent >= 0) {
      if (line.trim() === '' || indentOf(line) > blockIndent) continue;
      blockIndent = -1;
    }
    const m = OPENER.exec(line);
    if (m) {
      // Continuation lines must pass the column where the key (or the item's value) starts.
      const owner = /^\s*(?:-\s+)*/.exec(line)![0].length;
      if (closingQuote(line, m[1]!.length + 1, m[2]!) < 0) quote = { char: m[2]!, column: owner };
    } else if (BLOCK_HEADER.test(line)) {
      blockIndent = indentOf(line);
    }
  }
  return changed ? lines.join('\n') : undefined;
}
