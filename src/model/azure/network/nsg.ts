// Network security groups with their inline rules, the default rules every
// NSG has, rule resources of their own (ARM `securityRules` children,
// `azurerm_network_security_rule`), and azurerm's NIC association.
import type { NativeResource } from '../../../readers/native.js';
import type { SourceLoc, UnknownCause, Value } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import { fact, unknownFact } from '../../fact.js';
import { causeOf, itemsOf } from '../../lift-values.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import type { SecurityGroup } from '../../security.js';
import { armPath, attr, prop } from './attributes.js';
import { azureBase } from './base.js';
import { armParentLink } from './arm-parent.js';
import { NETWORK_INTERFACES, NSG, NSGS } from './kinds.js';
import { idByName, registerName } from './name-index.js';
import type { RuleNames, RuleResult } from './nsg-rules.js';
import { ARM_RULE, defaultRules, readRule, TF_RULE } from './nsg-rules.js';
import { linkTo } from './references.js';
import { ARM, TERRAFORM } from './sources.js';

/** A rule that cannot be read makes the group's rule set unknown: it may allow anything. */
function markIncomplete(sg: SecurityGroup, cause: UnknownCause, loc: SourceLoc, by: string): void {
  if (!sg.rulesComplete.known) return;
  sg.rulesComplete = unknownFact({ ...cause, detail: `a rule of ${by} cannot be read: ${cause.detail}` }, loc);
}

function add(sg: SecurityGroup, res: RuleResult, by: string): void {
  if ('rule' in res) sg.rules.push(res.rule);
  else markIncomplete(sg, res.unreadable, res.loc, by);
}

function nsgOf(r: NativeResource, ctx: LiftContext, list: Value | undefined, names: RuleNames, props: (item: Value) => Value | undefined, name: (item: Value) => Value | undefined): SecurityGroup {
  const base = azureBase(r, ctx);
  const sg: SecurityGroup = {
    ...base,
    kind: 'security-group',
    flavor: 'azure-nsg',
    rules: defaultRules(base),
    rulesComplete: fact(true, r.loc),
  };
  if (list && (list.kind === 'unknown' || list.kind === 'ref')) {
    sg.rulesComplete = unknownFact(causeOf(list, r, 'security rules'), list.loc ?? r.loc);
    return sg;
  }
  for (const item of itemsOf(list)) {
    if (item.kind !== 'object') continue;
    add(sg, readRule(props(item), name(item), r, ctx, names, item.loc ?? r.loc), r.address);
  }
  return sg;
}

const armNsg: LiftHandler = {
  types: [NSG],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    ctx.model.add(
      nsgOf(r, ctx, prop(r, 'securityRules'), ARM_RULE, (i) => armPath(i, 'properties'), (i) => armPath(i, 'name')),
    );
  },
};

const tfNsg: LiftHandler = {
  types: ['azurerm_network_security_group'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    registerName(ctx, NSG, attr(r, 'resource_group_name'), [attr(r, 'name')], r.key, r);
    ctx.model.add(nsgOf(r, ctx, attr(r, 'security_rule'), TF_RULE, (i) => i, (i) => armPath(i, 'name')));
  },
};

/**
 * A rule resource of its own, added to its group. One that exists only under
 * a condition is kept with that condition: an allow may open, a deny may
 * close, and the checks say which is unknown.
 */
function addStandalone(group: Link | undefined, r: NativeResource, ctx: LiftContext, props: Value | undefined, names: RuleNames): void {
  if (!group?.known) return;
  const sg = ctx.model.getOf(group.value, 'security-group');
  if (!sg) return;
  const res = readRule(props, armPath(r.attrs, 'name'), r, ctx, names, r.loc);
  const onlyIf = r.conditional && { ...r.conditional, detail: `${r.address} exists only under a condition: ${r.conditional.detail}` };
  if ('unreadable' in res) {
    markIncomplete(sg, onlyIf ?? res.unreadable, onlyIf ? r.loc : res.loc, r.address);
    return;
  }
  if (onlyIf) res.rule.conditional = onlyIf;
  // An ARM child is named `<nsg>/<rule>`.
  if (res.rule.name !== undefined) res.rule.name = res.rule.name.split('/').pop()!;
  sg.rules.push(res.rule);
}

const armRule: LiftHandler = {
  types: ['Microsoft.Network/networkSecurityGroups/securityRules'],
  sources: ARM,
  pass: 'amend',
  lift(r, ctx) {
    addStandalone(armParentLink(r, ctx, NSGS), r, ctx, prop(r), ARM_RULE);
  },
};

const tfRule: LiftHandler = {
  types: ['azurerm_network_security_rule'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const name = attr(r, 'network_security_group_name');
    const byName = idByName(ctx, NSG, attr(r, 'resource_group_name'), [name], r);
    const group: Link | undefined = byName ? fact(byName) : name?.kind === 'ref' ? linkTo(name, r, ctx, 'network_security_group_name', NSGS) : undefined;
    addStandalone(group, r, ctx, r.attrs, TF_RULE);
  },
};

const tfNicAssociation: LiftHandler = {
  types: ['azurerm_network_interface_security_group_association'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const nic = linkTo(attr(r, 'network_interface_id'), r, ctx, 'network_interface_id', NETWORK_INTERFACES);
    const nsg = linkTo(attr(r, 'network_security_group_id'), r, ctx, 'network_security_group_id', NSGS);
    const entity = nic.known ? ctx.model.getOf(nic.value, 'network-interface') : undefined;
    if (!entity) return;
    if (!entity.securityGroups.known) return;
    const link: Link = r.conditional ? unknownFact({ ...r.conditional, detail: `${r.address} exists only under a condition: ${r.conditional.detail}` }, r.loc) : nsg;
    entity.securityGroups = fact([...entity.securityGroups.value, link], r.loc);
  },
};

export const nsgHandlers: LiftHandler[] = [armNsg, tfNsg, armRule, tfRule, tfNicAssociation];
