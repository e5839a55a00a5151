// A minimal ArmScope for evaluator tests: parameters and variables given as
// plain JSON, the root deployment target, optional copy indexes.
import { evaluateExpressionText } from '../../../../src/eval/arm/evaluate.js';
import { rootDeploymentTarget } from '../../../../src/eval/arm/root-target.js';
import type { ArmDeploymentScope, ArmScope } from '../../../../src/eval/arm/scope.js';
import { fromPlain, type SourceLoc, type Value } from '../../../../src/readers/value.js';

export const LOC: SourceLoc = { file: 'test.json', line: 7 };

export interface TestScopeOptions {
  params?: Record<string, unknown>;
  /** Parameters declared without a value: unknown. */
  unknownParams?: string[];
  variables?: Record<string, unknown>;
  region?: string;
  deploymentScope?: ArmDeploymentScope;
  copy?: Record<string, number>;
  budget?: number;
}

export function testScope(o: TestScopeOptions = {}): ArmScope & { reports: string[] } {
  const reports: string[] = [];
  const lower = (r: Record<string, unknown> = {}) => new Map(Object.entries(r).map(([k, v]) => [k.toLowerCase(), fromPlain(v, LOC)]));
  const params = lower(o.params);
  const vars = lower(o.variables);
  return {
    loc: LOC,
    target: rootDeploymentTarget(o.deploymentScope ?? 'resourceGroup', o.region, LOC),
    budget: { remaining: o.budget ?? 100_000 },
    reports,
    parameter: (name) => {
      if (o.unknownParams?.includes(name))
        return { kind: 'unknown', cause: { inputs: [`parameter ${name}`], detail: 'no value' }, expr: `[parameters('${name}')]`, loc: LOC };
      return params.get(name.toLowerCase());
    },
    variable: (name) => vars.get(name.toLowerCase()),
    copyIndex: (name) => {
      const i = o.copy?.[name ?? ''];
      return i === undefined ? undefined : fromPlain(i, LOC);
    },
    callUserFunction: () => undefined,
    reference: () => undefined,
    report: (m) => reports.push(m),
  };
}

/** Evaluate a template string such as `[concat('a', 'b')]`. */
export function ev(template: string, scope: ArmScope = testScope()): Value {
  if (!template.startsWith('[') || !template.endsWith(']')) throw new Error('test expressions are written with brackets');
  const r = evaluateExpressionText(template.slice(1, -1), scope);
  return r.value;
}
