// Which readers feed the Azure resource handlers. Terraform HCL and plan JSON
// share the azurerm type names and snake_case attributes; ARM templates and
// live Resource Manager reads (source `azure`) carry the same resource bodies
// (camelCase `properties`; live names are the last level only, so parents
// are found by resource ID, never by name).
import type { SourceKind } from '../../../readers/native.js';

export const TERRAFORM: readonly SourceKind[] = ['terraform', 'terraform-plan'];
export const ARM: readonly SourceKind[] = ['arm', 'azure'];
