// Inputs a user gives to resolve values: Terraform variables, template
// parameters, the deployment region.
export interface ReadOptions {
  /** Absolute path of the scan root; every SourceLoc.file is relative to it. */
  root: string;
  /** `--var name=value` (Terraform). Values are parsed as HCL literals when they look like one. */
  vars: Record<string, string>;
  /** `--var-file` paths (Terraform), absolute. */
  varFiles: string[];
  /** `--param name=value` (CloudFormation and ARM). */
  params: Record<string, string>;
  /** `--param-file` paths (CloudFormation and ARM parameter files), absolute. */
  paramFiles: string[];
  /** `--region` / `--location`: the deployment region when the definition does not say. */
  region?: string;
  /** Time one unit (a template, a group of Terraform directories) may take to read; default 120 s. */
  timeLimitMs?: number;
  /** Resource and module instances one unit may expand to; default DEFAULT_INSTANCE_LIMIT. */
  instanceLimit?: number;
  /** Resources one scan may hold; default MAX_SCAN_RESOURCES. */
  maxScanResources?: number;
}

export function defaultReadOptions(root: string): ReadOptions {
  return { root, vars: {}, varFiles: [], params: {}, paramFiles: [] };
}
