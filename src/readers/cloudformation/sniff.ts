// Is this file a CloudFormation template? A cheap look at the top-level keys:
// `AWSTemplateFormatVersion`, or a `Resources` mapping with an `AWS::` type.
// ARM templates (`$schema`, lowercase `resources`), Terraform plans
// (`format_version`), parameter files, Kubernetes and serverless.yml files
// have neither at the top level.
import { SyntaxKind, createScanner } from 'jsonc-parser';

/** Top-level keys that only other formats have: stop scanning at once. */
const FOREIGN_JSON_KEYS = new Set(['$schema', 'format_version', 'terraform_version', 'apiVersion', 'kind', 'contentVersion']);

function looksLikeJsonTemplate(text: string): boolean {
  const s = createScanner(text, true);
  // Open containers from the top, the key path into them, and whether the next string is a key.
  const stack: ('{' | '[')[] = [];
  const keys: string[] = [];
  let expectKey = false;
  let first = true;
  for (let t = s.scan(); t !== SyntaxKind.EOF; t = s.scan()) {
    if (first && t !== SyntaxKind.OpenBraceToken) return false;
    first = false;
    switch (t) {
      case SyntaxKind.OpenBraceToken:
        stack.push('{');
        expectKey = true;
        break;
      case SyntaxKind.OpenBracketToken:
        stack.push('[');
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        stack.pop();
        keys.length = Math.min(keys.length, stack.length);
        break;
      case SyntaxKind.CommaToken:
        expectKey = stack[stack.length - 1] === '{';
        break;
      case SyntaxKind.StringLiteral: {
        const value = s.getTokenValue();
        const depth = stack.length;
        if (expectKey) {
          expectKey = false;
          keys.length = depth - 1;
          keys.push(value);
          if (depth === 1 && value === 'AWSTemplateFormatVersion') return true;
          if (depth === 1 && FOREIGN_JSON_KEYS.has(value)) return false;
        } else if (depth === 3 && keys[0] === 'Resources' && keys[2] === 'Type' && value.startsWith('AWS::')) {
          return true;
        }
        break;
      }
      case SyntaxKind.Unknown:
        return false;
      default:
        break;
    }
  }
  return false;
}

const KEY = /^(\s*)(["']?)([A-Za-z0-9_]+)\2\s*:/;
const AWS_TYPE = /^\s+(["']?)Type\1\s*:\s*["']?AWS::/;

function looksLikeYamlTemplate(text: string): boolean {
  // The top level is the indentation of the first key (some authors indent the whole document).
  let topIndent: number | undefined;
  let inResources = false;
  for (const line of text.split('\n')) {
    const key = KEY.exec(line);
    if (!key) continue;
    const indent = key[1]!.length;
    topIndent ??= indent;
    if (indent === topIndent) {
      if (key[3] === 'AWSTemplateFormatVersion') return true;
      inResources = key[3] === 'Resources';
    } else if (indent > topIndent && inResources && AWS_TYPE.test(line)) {
      return true;
    }
  }
  return false;
}

/** Extensions templates are written with; a README with a YAML example is not a template. */
const TEMPLATE_FILE = /\.(ya?ml|json|template|cfn)$/i;

export function looksLikeCloudFormation(text: string, file: string): boolean {
  if (!TEMPLATE_FILE.test(file) || !text.includes('AWS')) return false;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.trimStart().startsWith('{') ? looksLikeJsonTemplate(body) : looksLikeYamlTemplate(body);
}
