// Subnets written as `subnet` blocks inside an `azurerm_virtual_network`.
// They become subnets of their own (`<vnet key>#subnet/<name>`). azurerm
// keeps the blocks as a set, so a reference such as
// `azurerm_virtual_network.x.subnet[0].id` names a definite block only when
// there is exactly one.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import { itemsOf } from '../../lift-values.js';
import { attr, knownText, tfPath } from './attributes.js';
import type { Kinds } from './references.js';

export const TF_VIRTUAL_NETWORK = 'azurerm_virtual_network';

/** Model id of an inline subnet block. */
export function inlineSubnetId(vnetKey: string, name: string): string {
  return `${vnetKey}#subnet/${name}`;
}

/** The `subnet` blocks of an azurerm virtual network. */
export function inlineSubnetBlocks(vnet: NativeResource): Value[] {
  return itemsOf(attr(vnet, 'subnet')).filter((b) => b.kind === 'object');
}

/**
 * A reference into a virtual network's `subnet` blocks, when a subnet is
 * wanted: the block's model id, or unknown when the block cannot be told.
 * Undefined when the reference is not of that form.
 */
export function inlineSubnetOfRef(
  target: NativeResource,
  attribute: string,
  from: NativeResource,
  name: string,
  kinds: Kinds,
): Fact<string> | undefined {
  if (target.type !== TF_VIRTUAL_NETWORK || !kinds.has('azurerm_subnet') || !/^subnet\b/.test(attribute)) return undefined;
  const blocks = inlineSubnetBlocks(target);
  const names = blocks.map((b) => knownText(tfPath(b, 'name')));
  if (blocks.length === 1 && names[0] !== undefined) return fact(inlineSubnetId(target.key, names[0]));
  return unknownFact({
    inputs: [`${target.address}.${attribute}`],
    detail: `${name} of ${from.address} picks one of the ${blocks.length} subnet blocks of ${target.address}, which azurerm keeps as a set: which one cannot be told`,
  });
}
