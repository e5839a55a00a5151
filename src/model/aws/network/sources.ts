// Which readers feed the AWS network handlers. Terraform HCL and plan JSON
// share type names and attribute shapes; CloudFormation templates use the
// same type names as AWS Config items but a different shape, so their
// handlers are restricted to the template source.
import type { SourceKind } from '../../../readers/native.js';

export const TERRAFORM: readonly SourceKind[] = ['terraform', 'terraform-plan'];
export const CLOUDFORMATION: readonly SourceKind[] = ['cloudformation'];
