// `kikan attest`: the vendor self-attestation (SPEC §6). The command itself
// builds attestations from scans and the answers file; `init` writes the
// questionnaire, `keygen` the signing key, `verify` rechecks a written
// attestation. Heavy modules load only inside the subcommand that needs them.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { EXIT_INCOMPLETE } from '../results/exit-code.js';
import type { ReadOptions } from '../readers/options.js';
import { collect, parseLang, parsePairs } from './parse-flags.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

export interface AttestIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: AttestIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

export function attestCommand(io: AttestIo = processIo): Command {
  const attest = new Command('attest')
    // commander does not pass exitOverride down to added commands: a wrong flag must be exit 2, not 1.
    .exitOverride()
    // `attest init -o FILE`: options after a subcommand's name are that subcommand's, not attest's own -o.
    .enablePositionalOptions()
    .description('自己申告書（セルフアテステーション）を作ります (build the vendor self-attestation)')
    .argument('[paths...]', 'definitions to scan inline, with the same options as kikan scan')
    .option('--answers <file>', 'answers file (kikan attest init writes one)')
    .option('--scan <report.json>', 'JSON report of kikan scan / scan-aws / scan-azure (repeatable)', collect, [])
    .option('-f, --format <format>', 'xlsx, html or json (default: from the -o extension, else json)')
    .option('-o, --output <file>', 'output file; with several municipalities, FILE becomes FILE-<tenant> per municipality')
    .option('--lang <lang>', 'document and message language: ja or en', 'ja')
    .option('--sign-key <key.pem>', 'Ed25519 private key: writes <file>.sig beside each file written')
    .option('-c, --config <file>', 'policy file (default: kikan.yaml at the scan root)')
    .option('--var <NAME=VALUE>', 'Terraform variable (repeatable)', collect, [])
    .option('--var-file <file>', 'Terraform variables file (repeatable)', collect, [])
    .option('--param <NAME=VALUE>', 'CloudFormation / ARM parameter (repeatable)', collect, [])
    .option('--param-file <file>', 'CloudFormation / ARM parameter file (repeatable)', collect, [])
    .option('--region <region>', 'AWS region the definitions deploy to')
    .option('--location <location>', 'Azure location the definitions deploy to')
    .option('--root <dir>', 'directory that file paths of the inline scan are relative to')
    .option('-q, --quiet', 'no progress line on stderr', false)
    .action(async (paths: string[], opts: Record<string, unknown>) => {
      process.exitCode = await runAttest(paths, opts, io);
    });

  attest.addCommand(
    new Command('init')
      .exitOverride()
      .description('回答ファイルの雛形を書き出します (write the commented answers file)')
      .option('-o, --output <file>', 'file to write (default: stdout)')
      .option('--lang <lang>', 'language of the comments: ja or en', 'ja')
      .option('--tenants <n>', 'municipalities sharing the environment (共同利用方式)', '1')
      .option('--force', 'overwrite an existing file', false)
      .action(async (opts: Record<string, unknown>) => {
        process.exitCode = await runInit(opts, io);
      }),
  );
  attest.addCommand(
    new Command('keygen')
      .exitOverride()
      .description('署名用の Ed25519 鍵を作ります (write an Ed25519 signing key pair)')
      .option('--out <base>', 'writes BASE.pem (private, 0600) and BASE.pub.pem', 'kikan-attest-key')
      .option('--force', 'overwrite existing key files', false)
      .action(async (opts: Record<string, unknown>) => {
        const { writeKeyPair } = await import('../attest/signing.js');
        const { privateFile, publicFile } = writeKeyPair(String(opts.out), Boolean(opts.force));
        io.stdout(`${privateFile}\n${publicFile}\n`);
        process.exitCode = 0;
      }),
  );
  attest.addCommand(
    new Command('verify')
      .exitOverride()
      .description('申告書のハッシュと署名を再計算して確かめます (recheck hashes and signature)')
      .argument('<attestation.json>', 'the JSON attestation kikan attest wrote')
      .option('--root <dir>', 'directory kikan attest ran in (default: current directory)')
      .option('--answers <file>', 'the answers file, when it is not where the attestation says')
      .option('--pubkey <key.pub.pem>', 'Ed25519 public key to check <attestation.json>.sig with')
      .option('--lang <lang>', 'ja or en', 'ja')
      .action(async (file: string, opts: Record<string, unknown>) => {
        process.exitCode = await runVerify(file, opts, io);
      }),
  );
  return attest;
}

async function runInit(opts: Record<string, unknown>, io: AttestIo): Promise<number> {
  const lang = parseLang(String(opts.lang));
  const tenants = Number(opts.tenants);
  if (!Number.isInteger(tenants) || tenants < 1 || tenants > 1000) {
    throw new UsageError(`--tenants expects a whole number from 1 to 1000, got "${String(opts.tenants)}"`, '--tenants');
  }
  const output = opts.output as string | undefined;
  if (output && existsSync(output) && !opts.force) throw new UsageError(`${output} exists; add --force to overwrite it`, '--output');
  const { loadCatalog } = await import('../controls/catalog/load.js');
  const { renderQuestionnaire } = await import('../attest/questionnaire.js');
  const text = renderQuestionnaire(loadCatalog(), { lang, tenants });
  if (output) writeFileSync(output, text);
  else io.stdout(text);
  return 0;
}

async function runVerify(file: string, opts: Record<string, unknown>, io: AttestIo): Promise<number> {
  const lang = parseLang(String(opts.lang));
  const { verifyAttestation } = await import('../attest/verify.js');
  const { loadPublicKey } = await import('../attest/signing.js');
  const root = typeof opts.root === 'string' ? opts.root : process.cwd();
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`--root: not a directory: ${root}`, '--root');
  if (typeof opts.answers === 'string' && !existsSync(opts.answers)) throw new UsageError(`--answers: file not found: ${opts.answers}`, '--answers');
  const result = verifyAttestation({
    attestationFile: file,
    root,
    ...(typeof opts.answers === 'string' ? { answersFile: opts.answers } : {}),
    ...(typeof opts.pubkey === 'string' ? { publicKey: loadPublicKey(opts.pubkey) } : {}),
  });
  const ja = lang === 'ja';
  const STATE: Record<string, [string, string]> = {
    ok: ['一致', 'ok'],
    changed: ['変更あり', 'CHANGED'],
    missing: ['ファイルなし', 'MISSING'],
    bad_signature: ['署名不一致', 'BAD SIGNATURE'],
    unsigned: ['署名なし', 'UNSIGNED'],
    not_checked: ['未確認', 'not checked'],
  };
  const lines: string[] = [];
  for (const item of result.items) {
    if (item.state === 'ok') continue;
    const [stateJa, stateEn] = STATE[item.state]!;
    const detail = item.detail ? `: ${ja ? item.detail.ja : item.detail.en}` : '';
    lines.push(`${ja ? stateJa : stateEn}  ${item.file}${detail}`);
  }
  const checked = result.items.filter((i) => i.what !== 'signature').length;
  const bad = result.items.filter((i) => i.state !== 'ok' && i.state !== 'not_checked').length;
  lines.push(
    result.ok
      ? ja
        ? `すべて一致しました（${checked} ファイル${result.unhashed ? `、ハッシュのない入力 ${result.unhashed} 件は対象外` : ''}）`
        : `all ${checked} files match${result.unhashed ? ` (${result.unhashed} inputs without a hash not checked)` : ''}`
      : ja
        ? `${bad} 件の不一致があります`
        : `${bad} mismatch(es)`,
  );
  (result.ok ? io.stdout : io.stderr)(lines.join('\n') + '\n');
  return result.ok ? 0 : 1;
}

function scanRoot(paths: string[], flag: unknown): string {
  if (typeof flag === 'string') return path.resolve(flag);
  if (paths.length === 1 && existsSync(paths[0]!) && statSync(paths[0]!).isDirectory()) return path.resolve(paths[0]!);
  return process.cwd();
}

async function runAttest(paths: string[], opts: Record<string, unknown>, io: AttestIo): Promise<number> {
  // Every flag is checked before anything is read or scanned: a wrong one is exit 2.
  const lang = parseLang(String(opts.lang));
  const { ATTEST_FORMATS, formatOfFile, tenantFile, writeAttestation, attestationJson } = await import('../attest/write-outputs.js');
  const answersFlag = opts.answers as string | undefined;
  if (!answersFlag) throw new UsageError('--answers FILE is required (kikan attest init writes one)', '--answers');
  const output = opts.output as string | undefined;
  const fromFile = output ? formatOfFile(output) : undefined;
  let format = fromFile ?? 'json';
  if (typeof opts.format === 'string') {
    if (!(ATTEST_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`--format must be one of ${ATTEST_FORMATS.join(', ')}; got "${opts.format}"`, '--format');
    if (fromFile && fromFile !== opts.format) throw new UsageError(`--format ${opts.format} does not match the output file ${output}`, '--format');
    format = opts.format as typeof format;
  }
  if (format !== 'json' && !output) throw new UsageError(`--format ${format} needs -o FILE`, '--output');
  if (opts.signKey && !output) throw new UsageError('--sign-key needs -o FILE: the signature is written beside it', '--sign-key');
  const scanFiles = opts.scan as string[];
  if (paths.length === 0 && scanFiles.length === 0) {
    throw new UsageError('give paths to scan, or --scan report.json (the code evidence of the attestation)', '--scan');
  }
  for (const p of paths) if (!existsSync(p)) throw new UsageError(`path not found: ${p}`, p);
  const files = (flag: string, list: string[]) =>
    list.map((f) => {
      if (!existsSync(f)) throw new UsageError(`${flag}: file not found: ${f}`, flag);
      return path.resolve(f);
    });
  const vars = parsePairs('--var', opts.var as string[]);
  const params = parsePairs('--param', opts.param as string[]);
  const varFiles = files('--var-file', opts.varFile as string[]);
  const paramFiles = files('--param-file', opts.paramFile as string[]);

  const { loadPrivateKey } = await import('../attest/signing.js');
  const key = typeof opts.signKey === 'string' ? loadPrivateKey(opts.signKey) : undefined;
  const { loadCatalog } = await import('../controls/catalog/load.js');
  const { questionIndex } = await import('../attest/question-index.js');
  const { loadAnswers, formatAnswersProblem } = await import('../attest/answers.js');
  const { readScanReport, inlineSource } = await import('../attest/scan-source.js');
  const { loadPolicyFor } = await import('../policy/load.js');
  const catalog = loadCatalog();
  const answers = loadAnswers(answersFlag, questionIndex(catalog), lang);
  for (const w of answers.warnings) io.stderr(`${formatAnswersProblem(w, lang)}\n`);
  const targets = outputFiles(answers.municipalities, output, tenantFile);
  const reports = scanFiles.map((f) => readScanReport(f, lang));
  for (const r of reports) {
    if (r.catalogVersion && r.catalogVersion !== catalog.version) {
      io.stderr(`${r.source}: catalog ${r.catalogVersion} differs from this kikan's ${catalog.version}; control IDs are the same, checks may differ\n`);
    }
  }

  const root = scanRoot(paths, opts.root);
  const policy = loadPolicyFor(paths.length ? root : process.cwd(), opts.config as string | undefined);
  const scans = [...reports];
  if (paths.length) {
    const { scanDefinitions } = await import('../engine/scan.js');
    const { progressReporter } = await import('./progress.js');
    const read: ReadOptions = { root, vars, varFiles, params, paramFiles };
    const region = (opts.region as string | undefined) ?? (opts.location as string | undefined) ?? policy.region;
    if (region) read.region = region;
    const progress = opts.quiet ? undefined : progressReporter(process.stderr);
    const outcome = await scanDefinitions({
      paths,
      read,
      policy,
      now: new Date(),
      severityOf: (id) => catalog.byId.get(id)?.severity ?? 'medium',
      ...(progress ? { onProgress: progress.update } : {}),
    });
    progress?.done();
    for (const e of outcome.errors) io.stderr(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
    const relativeRoot = path.relative(process.cwd(), root).split(path.sep).join('/') || '.';
    scans.push(inlineSource(outcome, new Date().toISOString(), catalog.version, relativeRoot));
  }

  const { tenantWarnings } = await import('../attest/tenant-coverage.js');
  for (const w of tenantWarnings(answers.municipalities, scans, policy.tagKeys.tenant)) io.stderr(`${answers.file}: ${lang === 'en' ? w.en : `${w.ja} (${w.en})`}\n`);
  const { buildAttestation } = await import('../attest/build.js');
  const now = new Date();
  for (const [i, municipality] of answers.municipalities.entries()) {
    const att = buildAttestation({ catalog, scans, answers, municipality, tenantTag: policy.tagKeys.tenant, toolVersion: VERSION, now });
    const file = targets[i];
    if (file === undefined) {
      io.stdout(attestationJson(att));
      continue;
    }
    const written = await writeAttestation(att, { file, format, lang, ...(key ? { key } : {}) });
    io.stderr(`${written.join('\n')}\n`);
  }
  // The document is written either way (its open items name the gaps), but a script must see that the evidence is incomplete.
  return scans.some((s) => s.errors > 0) ? EXIT_INCOMPLETE : 0;
}

/** The file of each municipality's attestation (none: stdout); checked before anything is scanned. */
function outputFiles(
  municipalities: readonly { tenant?: string }[],
  output: string | undefined,
  tenantFile: (output: string, tenant: string) => string,
): (string | undefined)[] {
  if (municipalities.length === 1) return [output];
  if (!output) throw new UsageError('several municipalities need -o FILE (one file is written per municipality)', '--output');
  const files = municipalities.map((m) => tenantFile(output, m.tenant!));
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice) throw new UsageError(`two tenants would both be written to ${twice}; make their tenant values differ in more than punctuation`, '--output');
  return files;
}
