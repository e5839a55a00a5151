// A template's text to its parsed tree, by the front end its first character
// calls for: `{` is JSON, anything else YAML.
import { parseJsonTemplate } from './json-template.js';
import type { ParsedTemplate } from './parsed-template.js';
import { parseYamlTemplate } from './yaml-template.js';

function isJsonText(text: string): boolean {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.trimStart().startsWith('{');
}

export function parseTemplateText(file: string, text: string): ParsedTemplate {
  return isJsonText(text) ? parseJsonTemplate(file, text) : parseYamlTemplate(file, text);
}
