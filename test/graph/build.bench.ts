// Build time of the network graph on a 10k-subnet estate, with every
// subnet's segment and internet paths asked for. Run: npx vitest bench test/graph --run
import { bench, describe } from 'vitest';
import { buildGraph } from '../../src/graph/build.js';
import { defaultPolicy } from '../../src/policy/types.js';
import { scaleModel } from './scale-model.js';

const m = scaleModel(10_000);
const subnets = m.model.all('subnet').map((s) => s.id);

function buildAndAskEverything(): number {
  const g = buildGraph(m.model, defaultPolicy());
  let n = g.links().length;
  for (const s of subnets) n += g.internetPaths(s).length + (g.segmentOf(s).segment ? 1 : 0);
  for (const sg of m.model.all('security-group')) n += g.segmentsOf(sg.id).length;
  n += g.segmentsOf('nat.egress').length;
  return n;
}

describe(`graph on ${subnets.length} subnets, ${m.model.size} entities`, () => {
  bench('buildGraph only', () => {
    buildGraph(m.model, defaultPolicy());
  });
  bench('buildGraph + every segment, path and shared-object segment', () => {
    buildAndAskEverything();
  }, { iterations: 5 });
});
