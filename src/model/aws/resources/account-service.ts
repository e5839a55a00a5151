// The frame of an AccountService entity lifted from one native resource.
import type { NativeResource } from '../../../readers/native.js';
import type { AccountService, AccountServiceType } from '../../account.js';
import type { Fact } from '../../fact.js';
import type { LiftContext } from '../../lifter.js';
import { baseOf } from '../../lifter.js';
import { tagsValue } from './tags.js';

export function accountService(
  r: NativeResource,
  ctx: LiftContext,
  serviceType: AccountServiceType,
  enabled: Fact<boolean>,
  settings: Record<string, Fact<unknown>>,
): AccountService {
  return { ...baseOf(r, ctx, tagsValue(r)), kind: 'account-service', serviceType, enabled, settings };
}

/** The services of one type defined in a scope (a root module, a template). */
export function servicesInScope(ctx: LiftContext, serviceType: AccountServiceType, scope: string): AccountService[] {
  return ctx.model.all('account-service').filter((s) => s.serviceType === serviceType && s.scope === scope);
}
