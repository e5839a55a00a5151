// Which readers feed the Azure network handlers. Terraform HCL and plan JSON
// share the azurerm type names and attribute shapes; ARM templates carry the
// Resource Manager resource bodies, and so do live Resource Manager reads
// (source `azure`), whose names are the last level only.
import type { SourceKind } from '../../../readers/native.js';

export const TERRAFORM: readonly SourceKind[] = ['terraform', 'terraform-plan'];
export const ARM: readonly SourceKind[] = ['arm', 'azure'];
