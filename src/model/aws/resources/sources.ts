// Which reader sources speak which dialect of AWS resource types.
import type { SourceKind } from '../../../readers/native.js';

/** Terraform HCL and plan JSON share type names and snake_case attributes. */
export const TERRAFORM: readonly SourceKind[] = ['terraform', 'terraform-plan'];

/** CloudFormation templates (AWS Config items share the type names but not the shape). */
export const CLOUDFORMATION: readonly SourceKind[] = ['cloudformation'];

export function isTerraform(source: SourceKind): boolean {
  return TERRAFORM.includes(source);
}
