// Which readers feed the Azure resource handlers. Terraform HCL and plan JSON
// share the azurerm type names and snake_case attributes; ARM templates carry
// Resource Manager resource bodies (camelCase `properties`).
import type { SourceKind } from '../../../readers/native.js';

export const TERRAFORM: readonly SourceKind[] = ['terraform', 'terraform-plan'];
export const ARM: readonly SourceKind[] = ['arm'];
