// Shared pieces of the network control tests: run one control on a model
// built by the graph tests' ModelBuilder, policies with approvals, and the
// entities that builder does not make (endpoints, load balancers, public
// IPs, firewalls with domain rules).
import type { ControlCheck, Draft } from '../../src/controls/control.js';
import { buildGraph } from '../../src/graph/build.js';
import type { Listener, LoadBalancer } from '../../src/model/compute.js';
import type { DataStore } from '../../src/model/data.js';
import type { Fact } from '../../src/model/fact.js';
import { fact } from '../../src/model/fact.js';
import type { DomainRule, Endpoint, EndpointType, Firewall } from '../../src/model/network.js';
import type { ApprovedPath, Policy } from '../../src/policy/types.js';
import { defaultPolicy } from '../../src/policy/types.js';
import type { ModelBuilder } from '../graph/model-builder.js';

export const NOW = new Date('2026-11-28T10:00:00+09:00');

export function policyWith(approvedPaths: Partial<ApprovedPath>[] = [], extra: Partial<Policy> = {}): Policy {
  return {
    ...defaultPolicy(),
    ...extra,
    approvedPaths: approvedPaths.map((p, i) => ({
      id: `approval-${i + 1}`,
      segments: ['mynumber', 'lgwan'],
      domains: [],
      serviceTags: [],
      reason: 'Windows Update for the juki servers',
      approver: '情報政策課長',
      expires: '2027-03-31',
      loc: { file: 'kikan.yaml', line: 10 + i },
      ...p,
    })),
  };
}

export function run(check: ControlCheck, b: ModelBuilder, policy: Policy = defaultPolicy(), now: Date = NOW): Draft[] {
  const graph = buildGraph(b.model, policy);
  return check.check({ model: b.model, graph, policy, now });
}

/** `address=status` for every draft, keyed drafts as `address[key]=status`. */
export function statuses(drafts: Draft[]): string[] {
  return drafts.map((d) => `${'address' in d.subject ? d.subject.address : d.subject.label}${d.key ? `[${d.key}]` : ''}=${d.status}`);
}

export function of(drafts: Draft[], address: string): Draft[] {
  return drafts.filter((d) => 'address' in d.subject && d.subject.address === address);
}

export function endpoint(
  b: ModelBuilder,
  address: string,
  opts: { type?: EndpointType; service: string | { inputs: string[]; detail: string }; network?: string; subnets?: string[]; routeTables?: string[]; privateDns?: boolean; target?: string },
): string {
  const e: Endpoint = {
    ...b.base(address, 'aws_vpc_endpoint'),
    kind: 'endpoint',
    endpointType: opts.type ?? 'interface',
    service: b.fact<string>(opts.service),
    subnets: b.links(opts.subnets ?? []),
    ...(opts.network ? { network: b.link(opts.network) } : {}),
    ...(opts.routeTables ? { routeTables: b.links(opts.routeTables) } : {}),
    ...(opts.privateDns !== undefined ? { privateDns: b.fact(opts.privateDns) } : {}),
    ...(opts.target ? { target: b.link(opts.target) } : {}),
  };
  b.model.add(e);
  return address;
}

export function loadBalancer(b: ModelBuilder, address: string, subnets: string[], opts: { internetFacing?: boolean; listeners?: Partial<Listener>[]; lbType?: LoadBalancer['lbType'] } = {}): string {
  const lb: LoadBalancer = {
    ...b.base(address, 'aws_lb'),
    kind: 'load-balancer',
    lbType: opts.lbType ?? 'application',
    internetFacing: b.fact(opts.internetFacing ?? false),
    subnets: b.links(subnets),
    listeners: (opts.listeners ?? []).map((l) => ({ protocol: fact('HTTPS'), port: fact<number | null>(443), loc: b.loc(), definedBy: `${address}-listener`, ...l })),
  };
  b.model.add(lb);
  return address;
}

export function publicIp(b: ModelBuilder, address: string, attachedTo: string | null): string {
  b.model.add({ ...b.base(address, 'aws_eip'), kind: 'public-ip', attachedTo: b.fact<string | null>(attachedTo) });
  return address;
}

/** Replaces the domain rules and default action of a firewall made by ModelBuilder.firewall. */
export function setDomainRules(b: ModelBuilder, firewall: string, rules: Omit<DomainRule, 'loc' | 'definedBy'>[], defaultDeny = true): void {
  const fw = b.model.getOf(firewall, 'firewall') as Firewall;
  fw.domainRules = fact(rules.map((r) => ({ ...r, loc: b.loc(), definedBy: `${firewall}-rules` })));
  fw.defaultDeny = b.fact(defaultDeny);
}

export function store(b: ModelBuilder, address: string, fields: Partial<DataStore> & Pick<DataStore, 'storeType'>): string {
  b.model.add({ ...b.base(address, fields.storeType), kind: 'data-store', ...fields });
  return address;
}

export function known<T>(b: ModelBuilder, v: T, defaulted = false): Fact<T> {
  return { known: true, value: v, loc: b.loc(), ...(defaulted ? { defaulted: true } : {}) };
}
