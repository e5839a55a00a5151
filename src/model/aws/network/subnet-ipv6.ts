// Whether an AWS subnet has an IPv6 block, and so IPv6 addresses that can
// send traffic along `::/0` routes. A written block counts even when its
// value is only known after deployment; one that an unset input may leave
// out is unknown. Only a subnet that certainly has no block has no IPv6.
import type { NativeResource } from '../../../readers/native.js';
import { field } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import { boolFact } from '../../lift-values.js';
import type { LiftHandler } from '../../lifter.js';
import { anyTrue } from '../resources/fact-logic.js';
import { addIpv6Block, blockPresence } from './ipv6-block.js';
import { referencedNative } from './references.js';
import { CLOUDFORMATION } from './sources.js';
import { isWritten } from './written.js';

/** Attribute names of the block and of the flags that only make sense with one. */
export interface SubnetIpv6Attrs {
  ipv6Cidr: string;
  ipv6Pool?: string;
  ipv6Native: string;
  assignIpv6: string;
}

/**
 * The subnet's own definition. `ipv6_native` and `assign_ipv6_address_on_creation`
 * cannot be deployed without a block, so when on they count as one (it may be
 * associated outside the scan); judging them absent could only hide a path.
 */
export function ipv6PresenceOf(r: NativeResource, a: SubnetIpv6Attrs): Fact<boolean> {
  const facts: Fact<boolean>[] = [];
  for (const name of [a.ipv6Cidr, a.ipv6Pool]) {
    if (!name) continue;
    const v = field(r.attrs, name);
    if (isWritten(v)) facts.push(blockPresence(v, r, name));
  }
  for (const flag of [a.ipv6Native, a.assignIpv6]) facts.push(boolFact(field(r.attrs, flag), r, { name: flag, default: false }));
  return anyTrue(facts, r.loc);
}

/**
 * `AWS::EC2::SubnetCidrBlock` exists only to give a subnet an IPv6 block
 * (`Ipv6CidrBlock`, or `Ipv6IpamPoolId` with `Ipv6NetmaskLength`). Under a
 * condition the template cannot resolve, the block may or may not be there.
 */
const cloudFormationSubnetCidrBlock: LiftHandler = {
  types: ['AWS::EC2::SubnetCidrBlock'],
  sources: CLOUDFORMATION,
  pass: 'amend',
  lift(r, ctx) {
    const n = referencedNative(field(r.attrs, 'SubnetId'), ctx, r);
    const subnet = n ? ctx.model.getOf(n.key, 'subnet') : undefined;
    if (!subnet) return;
    addIpv6Block(subnet, r.conditional ? unknownFact(r.conditional, r.loc) : fact(true, r.loc));
  },
};

export const subnetIpv6Handlers: LiftHandler[] = [cloudFormationSubnetCidrBlock];
