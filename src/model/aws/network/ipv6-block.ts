// Whether a written IPv6 block (a VPC's or a subnet's) is there once
// deployed: a block computed from deployed attributes alone always is; one an
// input the user supplies may leave out is unknown.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import { causeOf } from '../../lift-values.js';
import { anyTrue } from '../resources/fact-logic.js';

/**
 * Inputs that stand for values existing once deployed: the Terraform
 * evaluator's and the plan reader's `<address>.<attr> (known after apply)`,
 * the CloudFormation evaluator's `after deploy`.
 */
function isDeployTimeInput(input: string): boolean {
  return input.endsWith(' (known after apply)') || input === 'after deploy';
}

/**
 * A written block: present when it is a value or computed from deployed
 * attributes alone (`cidrsubnet(aws_vpc.x.ipv6_cidr_block, 8, 1)`); unknown
 * when an input the user supplies (a variable, a parameter, a condition) may
 * still make it null or no value.
 */
export function blockPresence(v: Value, r: NativeResource, attr: string): Fact<boolean> {
  const loc = v.loc ?? r.loc;
  if (v.kind !== 'unknown') return fact(true, loc);
  if (v.cause.inputs.length > 0 && v.cause.inputs.every(isDeployTimeInput)) return fact(true, loc);
  const cause = causeOf(v, r, attr);
  return unknownFact({ ...cause, detail: `whether ${r.address} has an IPv6 block depends on ${cause.inputs.join(', ') || 'an unresolved value'}: ${cause.detail}` }, loc);
}

/** Adds a block from outside the VPC's or subnet's own definition; a certain yes is kept. */
export function addIpv6Block(holder: { ipv6Enabled?: Fact<boolean> }, present: Fact<boolean>): void {
  holder.ipv6Enabled = holder.ipv6Enabled ? anyTrue([holder.ipv6Enabled, present]) : present;
}
