// Without the configuration beside it, a resource is located at its entry
// in the plan JSON. One linear scan for `"address": "…"` after the section
// that lists planned resources; the first occurrence of each address wins.
import { LineIndex } from '../terraform/line-index.js';
import type { SourceLoc } from '../value.js';

const ADDRESS = /"address"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

export class PlanJsonLocations {
  private readonly offsets = new Map<string, number>();
  private lines: LineIndex | undefined;

  constructor(
    private readonly file: string,
    private readonly text: string,
    sectionKey: string,
  ) {
    const section = text.indexOf(`"${sectionKey}"`);
    ADDRESS.lastIndex = section < 0 ? 0 : section;
    let m: RegExpExecArray | null;
    while ((m = ADDRESS.exec(text))) {
      const raw = m[1]!;
      let address = raw;
      if (raw.includes('\\')) {
        try {
          address = JSON.parse(`"${raw}"`) as string;
        } catch {
          continue;
        }
      }
      if (!this.offsets.has(address)) this.offsets.set(address, m.index);
    }
  }

  locate(address: string): SourceLoc {
    const offset = this.offsets.get(address);
    if (offset === undefined) return { file: this.file, line: 1 };
    this.lines ??= new LineIndex(this.text);
    return { file: this.file, ...this.lines.at(offset) };
  }
}
