// Cheap content sniffs for file discovery: is this JSON an ARM template, an
// ARM parameter file, or something else (CloudFormation, a Terraform plan,
// package.json, a Logic App definition …)?

const SCHEMA = /"\$schema"\s*:\s*"([^"]*)"/;

/** The first `$schema` value: the root's, since templates put it first. */
function schemaOf(text: string): string | undefined {
  return SCHEMA.exec(text)?.[1];
}

const FOREIGN_MARKERS = /"AWSTemplateFormatVersion"|"Type"\s*:\s*"AWS::|"terraform_version"|"format_version"|"planned_values"/;

export function looksLikeArmTemplate(text: string, _file?: string): boolean {
  const schema = schemaOf(text);
  if (schema !== undefined) return /deploymentTemplate\.json/i.test(schema);
  if (FOREIGN_MARKERS.test(text)) return false;
  return /"contentVersion"\s*:/i.test(text) && /"resources"\s*:\s*[[{]/i.test(text);
}

export function looksLikeArmParameters(text: string, _file?: string): boolean {
  const schema = schemaOf(text);
  if (schema !== undefined) return /deploymentParameters\.json/i.test(schema);
  if (FOREIGN_MARKERS.test(text) || /"resources"\s*:\s*[[{]/i.test(text)) return false;
  return /"contentVersion"\s*:/i.test(text) && /"parameters"\s*:\s*\{\s*"[^"]+"\s*:\s*\{\s*"(value|reference)"\s*:/i.test(text);
}
