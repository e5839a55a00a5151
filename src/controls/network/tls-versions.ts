// TLS versions as definitions write them, and which load balancer security
// policies refuse anything older than TLS 1.2.

/** `1.2` from `TLS1_2`, `1.2`, `TLSv1.2`, `Tls12`; undefined when the text names no version. */
export function tlsVersionOf(text: string): number | undefined {
  const t = text.trim().toLowerCase().replace(/^tls\s*v?/, '');
  const m = /^(\d)[._]?(\d)$/.exec(t);
  return m ? Number(`${m[1]}.${m[2]}`) : undefined;
}

/**
 * Elastic Load Balancing predefined policies whose minimum is TLS 1.2:
 * `ELBSecurityPolicy-TLS13-1-2-…`, `…-TLS13-1-3-…`, `ELBSecurityPolicy-TLS-1-2-…`,
 * `ELBSecurityPolicy-FS-1-2-…` (and their FIPS/PQ variants). The older
 * defaults (`ELBSecurityPolicy-2016-08`, `-2015-05`, `-TLS-1-1-…`,
 * `-TLS13-1-0/1-1-…`, `-FS-2018-06`, `-FS-1-1-…`) accept TLS 1.0 or 1.1.
 */
function elbPolicyRequiresTls12(p: string): boolean {
  return /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-/i.test(p);
}

/** Application Gateway predefined policies: 20170401S and 20220101(S) start at TLS 1.2; 20150501 and 20170401 do not. */
const APP_GATEWAY_POLICIES: Record<string, boolean> = {
  appgwsslpolicy20150501: false,
  appgwsslpolicy20170401: false,
  appgwsslpolicy20170401s: true,
  appgwsslpolicy20220101: true,
  appgwsslpolicy20220101s: true,
};

/**
 * Whether a listener's TLS policy refuses versions before 1.2: an ELB or
 * Application Gateway predefined policy, or a minimum version written out
 * (`TLSv1_2`). Undefined for a name kikan does not know.
 */
export function policyRequiresTls12(policy: string): boolean | undefined {
  const p = policy.trim();
  if (/^ELBSecurityPolicy-/i.test(p)) return elbPolicyRequiresTls12(p);
  if (/^AppGwSslPolicy/i.test(p)) return APP_GATEWAY_POLICIES[p.toLowerCase()];
  const v = tlsVersionOf(p);
  return v === undefined ? undefined : v >= 1.2;
}
