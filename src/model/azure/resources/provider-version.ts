// Whether Terraform's version constraints on a provider (`required_providers`)
// settle which side of a major version it is, for defaults that changed
// there. Constraint syntax: comma-separated `op version`, op one of
// = != > >= < <= ~> (none means =); `~> 4.10` allows 4.10 up to, not
// including, 5.0. A single-part `~> 4` says nothing about the upper end here.

type Parts = number[];

function parse(text: string): { op: string; v: Parts } | undefined {
  const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*v?(\d+(?:\.\d+){0,2})(?:[-+][\w.-]*)?\s*$/.exec(text);
  if (!m) return undefined;
  return { op: m[1] ?? '=', v: m[2]!.split('.').map(Number) };
}

function compare(a: Parts, b: Parts): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** True when every version allowed is below `major`.0.0, false when every one is at or above it, else undefined. */
export function belowMajor(constraints: readonly string[] | undefined, major: number): boolean | undefined {
  const edge = [major, 0, 0];
  let below = false;
  let atOrAbove = false;
  for (const c of (constraints ?? []).flatMap((x) => x.split(','))) {
    const p = parse(c);
    if (!p) continue;
    const [first = 0] = p.v;
    if ((p.op === '<' && compare(p.v, edge) <= 0) || (p.op === '<=' && compare(p.v, edge) < 0) || (p.op === '=' && first < major)) below = true;
    if (p.op === '~>' && p.v.length >= 2 && first < major) below = true;
    if (((p.op === '>=' || p.op === '>') && compare(p.v, edge) >= 0) || ((p.op === '=' || p.op === '~>') && first >= major)) atOrAbove = true;
  }
  return below === atOrAbove ? undefined : below;
}
