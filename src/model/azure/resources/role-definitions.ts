// Custom role definitions -> IamPolicy 'azure-role-definition'. The document
// is the role's permissions as JSON (`permissions` with actions, notActions,
// dataActions, notDataActions, and `assignableScopes`); `azureActions` lists
// what the role grants — its actions and data actions, so a `*` in either
// shows (notActions only subtract). Scopes known only at deployment
// (`[subscription().id]`) are kept as their expression.
import type { NativeResource } from '../../../readers/native.js';
import type { Value } from '../../../readers/value.js';
import { containsUnknown, toPlain } from '../../../readers/value.js';
import type { Fact } from '../../fact.js';
import { fact, unknownFact } from '../../fact.js';
import type { IamPolicy } from '../../identity.js';
import type { LiftContext, LiftHandler } from '../../lifter.js';
import { causeOf, itemsOf, stringListFact } from '../../lift-values.js';
import { armPath, attr, blocks, prop, tfPath } from './attribute-paths.js';
import { azureBase } from './base.js';
import { ARM, TERRAFORM } from './sources.js';

interface Permission {
  actions: Value | undefined;
  notActions: Value | undefined;
  dataActions: Value | undefined;
  notDataActions: Value | undefined;
}

/** The first unknown part of a value, to name its cause. */
function firstUnknown(v: Value): Value | undefined {
  if (v.kind === 'unknown' || v.kind === 'ref') return v;
  const parts = v.kind === 'list' ? v.items : v.kind === 'object' ? Object.values(v.fields) : [];
  for (const p of parts) {
    const u = firstUnknown(p);
    if (u) return u;
  }
  return undefined;
}

function granted(perms: Permission[], r: NativeResource): Fact<string[]> {
  const out: string[] = [];
  for (const p of perms) {
    for (const [v, name] of [[p.actions, 'actions'], [p.dataActions, 'dataActions']] as const) {
      const f = stringListFact(v, r, { name, default: [] });
      if (!f.known) return f;
      out.push(...f.value);
    }
  }
  return fact(out, r.loc);
}

/** Assignable scopes as text; an unknown scope (`[subscription().id]`) shows as its expression. */
function scopeTexts(scopes: Value | undefined): unknown {
  if (!scopes) return [];
  if (scopes.kind !== 'list') return toPlain(scopes) ?? (scopes.kind === 'unknown' ? [scopes.expr ?? '?'] : []);
  return scopes.items.map((s) => (s.kind === 'known' ? s.value : s.kind === 'unknown' ? (s.expr ?? '?') : '?'));
}

function document(perms: Permission[], scopes: Value | undefined, r: NativeResource): Fact<string | null> {
  const parts: Value[] = perms.flatMap((p) => [p.actions, p.notActions, p.dataActions, p.notDataActions].filter((v): v is Value => v !== undefined));
  for (const v of parts) {
    if (containsUnknown(v)) {
      const u = firstUnknown(v)!;
      return unknownFact(causeOf(u, r, 'permissions'), u.loc ?? r.loc);
    }
  }
  const json = {
    permissions: perms.map((p) => ({
      actions: toPlain(p.actions) ?? [],
      notActions: toPlain(p.notActions) ?? [],
      dataActions: toPlain(p.dataActions) ?? [],
      notDataActions: toPlain(p.notDataActions) ?? [],
    })),
    assignableScopes: scopeTexts(scopes),
  };
  return fact(JSON.stringify(json), r.loc);
}

function role(r: NativeResource, ctx: LiftContext, perms: Permission[], scopes: Value | undefined): IamPolicy {
  return {
    ...azureBase(r, ctx),
    kind: 'iam-policy',
    policyType: 'azure-role-definition',
    document: document(perms, scopes, r),
    azureActions: granted(perms, r),
  };
}

const armRoles: LiftHandler = {
  types: ['Microsoft.Authorization/roleDefinitions'],
  sources: ARM,
  pass: 'entity',
  lift(r, ctx) {
    const perms = itemsOf(prop(r, 'permissions')).map((p) => ({
      actions: armPath(p, 'actions'),
      notActions: armPath(p, 'notActions'),
      dataActions: armPath(p, 'dataActions'),
      notDataActions: armPath(p, 'notDataActions'),
    }));
    ctx.model.add(role(r, ctx, perms, prop(r, 'assignableScopes')));
  },
};

const terraformRoles: LiftHandler = {
  types: ['azurerm_role_definition'],
  sources: TERRAFORM,
  pass: 'entity',
  lift(r, ctx) {
    const perms = blocks(r, 'permissions').map((p) => ({
      actions: tfPath(p, 'actions'),
      notActions: tfPath(p, 'not_actions'),
      dataActions: tfPath(p, 'data_actions'),
      notDataActions: tfPath(p, 'not_data_actions'),
    }));
    ctx.model.add(role(r, ctx, perms, attr(r, 'assignable_scopes')));
  },
};

export const roleDefinitionHandlers: LiftHandler[] = [armRoles, terraformRoles];
