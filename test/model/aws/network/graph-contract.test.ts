// The network graph reads only the model: lifted fixtures must give it the
// paths a reader of the templates would expect.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../../src/graph/build.js';
import { finishNetwork, networkHandlers } from '../../../../src/model/aws/network/index.js';
import type { LiftContext } from '../../../../src/model/lifter.js';
import { runLifters } from '../../../../src/model/lifter.js';
import { LinkResolver } from '../../../../src/model/link-resolver.js';
import { CloudModel } from '../../../../src/model/model.js';
import { defaultPolicy } from '../../../../src/policy/types.js';
import { readCloudFormation } from '../../../../src/readers/cloudformation/index.js';
import { defaultReadOptions } from '../../../../src/readers/options.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../fixtures/model/aws/network');

function graphOf(dir: string, file: string) {
  const root = path.join(FIXTURES, dir);
  const read = readCloudFormation(file, readFileSync(path.join(root, file), 'utf8'), defaultReadOptions(root));
  const model = new CloudModel();
  const ctx: LiftContext = { model, links: new LinkResolver(read.resources) };
  runLifters('aws', networkHandlers, read.resources, ctx, finishNetwork);
  return { graph: buildGraph(model, defaultPolicy()), key: (id: string) => `${file}#${id}` };
}

describe('lifted model as the graph sees it', () => {
  it('finds the NAT path of the web tier’s private subnets and the internet gateway of its public ones', () => {
    const { graph, key } = graphOf('cfn-web-tier', 'template.json');
    const app = graph.internetPaths(key('AppA'));
    expect(app.map((p) => [p.exit, p.certainty, p.hops.map((h) => h.role)])).toEqual([
      ['nat-gateway', 'definite', ['subnet', 'route-table', 'route', 'nat-gateway', 'subnet', 'route-table', 'route', 'internet-gateway']],
    ]);
    expect(app[0]!.openedBy).toBe('AppDefault');
    expect(graph.internetPaths(key('PublicC')).map((p) => p.exit)).toEqual(['internet-gateway']);
    expect(graph.segmentOf(key('AppA')).segment).toBe('internet');
  });

  it('finds no way out of the closed segment, whose only route leads to the office through the transit gateway', () => {
    const { graph, key } = graphOf('cfn-closed-segment', 'template.yaml');
    for (const subnet of ['AppSubnetA', 'AppSubnetC', 'ToolsSubnet']) expect(graph.internetPaths(key(subnet))).toEqual([]);
    expect(graph.segmentOf(key('ToolsSubnet')).segment).toBe('mynumber');
  });
});
