// Debian's chromium, headless, for the print tests. CI installs it through
// .ci/run; without it the tests that need it are skipped and say why.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const chromiumSkipNote = hasChromium ? '' : ` (skipped: ${CHROMIUM} is absent; .ci/run installs Debian's chromium)`;

function withPage<T>(html: string, run: (dir: string, page: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'kikan-attest-html-'));
  try {
    const page = join(dir, 'attestation.html');
    writeFileSync(page, html, 'utf8');
    return run(dir, page);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function chromium(dir: string, args: string[]): string {
  return execFileSync(
    CHROMIUM,
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', `--user-data-dir=${join(dir, 'profile')}`, '--no-first-run', ...args],
    { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] },
  );
}

/** Prints the page to PDF and returns the PDF's bytes. */
export function printToPdf(html: string): Buffer {
  return withPage(html, (dir, page) => {
    const pdf = join(dir, 'out.pdf');
    chromium(dir, ['--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${page}`]);
    return readFileSync(pdf);
  });
}

/** The DOM as chromium parsed it. */
export function dumpDom(html: string): string {
  return withPage(html, (dir, page) => chromium(dir, ['--dump-dom', `file://${page}`]));
}

/** Page sizes in points, one per page object of the PDF (chromium writes them uncompressed). */
export function pdfPageSizes(pdf: Buffer): { width: number; height: number }[] {
  const sizes: { width: number; height: number }[] = [];
  for (const obj of pdf.toString('latin1').matchAll(/\d+ 0 obj([\s\S]*?)endobj/g)) {
    const body = obj[1]!;
    if (!/\/Type\s*\/Page\b(?!s)/.test(body)) continue;
    const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(body);
    sizes.push(box ? { width: Number(box[3]) - Number(box[1]), height: Number(box[4]) - Number(box[2]) } : { width: NaN, height: NaN });
  }
  return sizes;
}
