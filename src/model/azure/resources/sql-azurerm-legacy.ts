// azurerm 3.x's older Azure SQL resources (`azurerm_sql_server`,
// `azurerm_sql_database`, `azurerm_sql_firewall_rule`; removed in 4.0 but
// still in configurations pinned to 3.x, Microsoft's own early modules
// among them) -> the same stores as `azurerm_mssql_*`. They have no setting
// for public network access (always on), minimum TLS (the platform's 1.2
// applies), TDE keys or backup retention (7 days), and name their server by
// `server_name`. A database in an elastic pool is as zone redundant as the
// pool, which `elastic_pool_name` names without a reference: unknown.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import type { Link } from '../../entity.js';
import { defaulted, fact, unknownFact } from '../../fact.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { boolFact, causeOf } from '../../lift-values.js';
import { attr, isSet, knownText } from './attribute-paths.js';
import { newDataStore } from './base.js';
import { later } from './deferred.js';
import { literalSecrets } from './literal-secret.js';
import { idByName, registerName } from './name-index.js';
import { addFirewallRule, shareExposure, trackFirewall } from './server-firewall.js';
import { TERRAFORM } from './sources.js';

/** The server `server_name` names: by reference, or by the name a server registered. */
function serverLink(ctx: LiftContext, r: NativeResource, v: Value | undefined): Link {
  if (v?.kind === 'ref') return ctx.links.link(v, r, 'server_name');
  const name = knownText(v);
  const key = name ? idByName(ctx, 'database-server', name) : undefined;
  if (key) return fact(key, v?.loc ?? r.loc);
  return unknownFact(v && !name ? causeOf(v, r, 'server_name') : { inputs: [name ?? r.address], detail: `the SQL server ${name ?? ''} of ${r.address} is not in the scanned inputs` }, v?.loc ?? r.loc);
}

const servers: LiftHandler = {
  types: ['azurerm_sql_server'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const s = newDataStore(r, ctx, 'sql-server');
    s.encryption = defaulted({ mode: 'provider-managed' }, r.loc);
    s.minTlsVersion = defaulted('1.2', r.loc);
    const audit = attr(r, 'extended_auditing_policy');
    s.accessLogging = isSet(audit) && !(audit.kind === 'list' && audit.items.length === 0) ? fact(true, audit.loc ?? r.loc) : defaulted(false, r.loc);
    const secrets = literalSecrets(r, [{ v: attr(r, 'administrator_login_password'), name: 'administrator_login_password' }]);
    if (secrets) s.literalSecrets = secrets;
    trackFirewall(ctx, s, defaulted(true, r.loc));
    registerName(ctx, 'database-server', attr(r, 'name'), r.key);
    ctx.model.add(s);
  },
};

const databases: LiftHandler = {
  types: ['azurerm_sql_database'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const serverName = attr(r, 'server_name');
    const d = newDataStore(r, ctx, 'sql-database', serverName?.kind === 'ref' ? ctx.links.native(serverName.target) : undefined);
    const pool = attr(r, 'elastic_pool_name');
    d.multiZone = isSet(pool)
      ? unknownFact({ inputs: [knownText(pool) ?? `${r.address}.elastic_pool_name`], detail: `${r.address} is in an elastic pool, whose zone redundancy decides` }, pool.loc ?? r.loc)
      : boolFact(attr(r, 'zone_redundant'), r, { name: 'zone_redundant', default: false });
    d.backupRetentionDays = defaulted(7, r.loc);
    d.accessLogging = defaulted(false, r.loc);
    // Server names are all registered once every entity is lifted.
    d.parent = unknownFact({ inputs: [r.address], detail: 'server not yet resolved' }, r.loc);
    later(ctx, () => {
      d.parent = serverLink(ctx, r, serverName);
    });
    later(
      ctx,
      () => {
        const server = d.parent?.known ? ctx.model.getOf(d.parent.value, 'data-store') : undefined;
        if (server) shareExposure(server, d);
      },
      'derive',
    );
    ctx.model.add(d);
  },
};

const firewallRules: LiftHandler = {
  types: ['azurerm_sql_firewall_rule'],
  sources: TERRAFORM,
  pass: 'amend',
  lift(r, ctx) {
    const link = serverLink(ctx, r, attr(r, 'server_name'));
    const store = link.known ? ctx.model.getOf(link.value, 'data-store') : undefined;
    addFirewallRule(store, r, attr(r, 'start_ip_address'), attr(r, 'end_ip_address'));
  },
};

export const legacySqlHandlers: LiftHandler[] = [servers, databases, firewallRules];
