// The contract between the ARM reader (which knows templates, parameters,
// variables, copy loops and nested deployments) and the expression evaluator
// (which knows the expression language and its functions). The reader
// implements ArmScope; the evaluator calls it.
import type { SourceLoc, Value } from '../../readers/value.js';
import { tickReadClock } from '../../readers/read-clock.js';

/** Where a template deploys: its `$schema` and, for nested deployments, the deployment's target. */
export type ArmDeploymentScope = 'resourceGroup' | 'subscription' | 'managementGroup' | 'tenant';

/**
 * What `resourceGroup()`, `subscription()`, `managementGroup()` and
 * `deployment()` return, and what `resourceId()` builds IDs in. For the
 * root template these are unknown (see resource-id.ts for the placeholders
 * IDs use); a nested deployment that names its target makes them known.
 */
export interface ArmDeploymentTarget {
  scope: ArmDeploymentScope;
  subscriptionId: Value;
  resourceGroupName: Value;
  resourceGroupLocation: Value;
  managementGroupName: Value;
  deploymentName: Value;
}

/** Shared evaluation allowance of one file: a template cannot make the scan run forever. */
export interface EvalBudget {
  remaining: number;
}

export class EvalBudgetExceeded extends Error {
  constructor() {
    super('the template needs too much evaluation work (copy loops, ranges or recursion too large)');
  }
}

/** Count work against the budget; throws when it is spent. */
export function spend(budget: EvalBudget, amount: number): void {
  tickReadClock();
  budget.remaining -= amount;
  if (budget.remaining < 0) throw new EvalBudgetExceeded();
}

export interface ArmScope {
  /** Where the expression being evaluated sits; every value the evaluator creates is located here. */
  readonly loc: SourceLoc;
  readonly target: ArmDeploymentTarget;
  readonly budget: EvalBudget;
  /** Value of a declared parameter; undefined when the template does not declare it. */
  parameter(name: string): Value | undefined;
  /** Value of a declared variable; undefined when the template does not declare it. */
  variable(name: string): Value | undefined;
  /**
   * Current index of the named copy loop, or of the enclosing resource loop
   * when `loopName` is undefined; undefined when no such loop encloses the
   * expression. Unknown when the loop's count is unknown.
   */
  copyIndex(loopName: string | undefined): Value | undefined;
  /** Call a user-defined function (`namespace.name`); undefined when it is not defined. */
  callUserFunction(qualifiedName: string, args: Value[]): Value | undefined;
  /**
   * What `reference(target)` returns when the reader can tell (the outputs of
   * a nested deployment in the same template); undefined otherwise, and the
   * evaluator then returns an unknown naming the call.
   */
  reference(target: Value): Value | undefined;
  /** A problem in the template itself (bad expression syntax, a copy count over ARM's limit): the reader makes it a read error. */
  report(message: string, loc: SourceLoc): void;
}

/** A scope that differs from its parent only in the given members. */
export function deriveScope(parent: ArmScope, overrides: Partial<ArmScope>): ArmScope {
  return Object.assign(Object.create(parent) as ArmScope, overrides);
}

/** Enter one iteration of a copy loop; `resourceLoop` also makes it what copyIndex() without a name reads. */
export function withCopyIndex(parent: ArmScope, loopName: string, index: Value, resourceLoop: boolean): ArmScope {
  const lower = loopName.toLowerCase();
  return deriveScope(parent, {
    copyIndex: (name: string | undefined) => {
      if (name === undefined) return resourceLoop ? index : parent.copyIndex(undefined);
      return name.toLowerCase() === lower ? index : parent.copyIndex(name);
    },
  });
}
