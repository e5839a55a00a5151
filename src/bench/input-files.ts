// The files a scan would consider, by name, for the bench's size figures and parse-only floor.
import { readdirSync } from 'node:fs';
import path from 'node:path';

const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform', '.terragrunt-cache']);
const INPUT_NAME = /\.(tf|tfvars|tf\.json|tfvars\.json|json|jsonc|ya?ml|template|cfn)$/i;

export function inputFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(abs);
      } else if (e.isFile() && INPUT_NAME.test(e.name)) out.push(abs);
    }
  };
  walk(dir);
  return out.sort();
}
