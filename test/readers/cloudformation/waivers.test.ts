import { describe, expect, it } from 'vitest';
import { readText, resource } from './helpers.js';

const TEMPLATE = `Resources:
  # kikan:ignore LG-3.4 egress to the update proxy only
  # kikan:ignore LG-3.5,LG-2.1 - shared jump host
  First:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: "# kikan:ignore LG-9.9 inside a string"
      Script: |
        # kikan:ignore LG-9.8 inside a block scalar
      Note: x # kikan:ignore LG-6.2

  # kikan:ignore LG-4.4
  Second:
    Type: AWS::Logs::LogGroup
    Metadata:
      kikan:
        ignore:
          - id: LG-6.3
            reason: " operator rotates the key "
          - reason: no id, ignored
  Third:
    Type: AWS::SQS::Queue
`;

describe('inline waivers', () => {
  const r = readText(TEMPLATE);

  it('attaches the comment run above a logical ID and comments inside its block', () => {
    expect(resource(r, 'First').waivers).toEqual([
      { controlId: 'LG-3.4', reason: 'egress to the update proxy only', loc: { file: 'inline.yaml', line: 2 } },
      { controlId: 'LG-3.5', reason: 'shared jump host', loc: { file: 'inline.yaml', line: 3 } },
      { controlId: 'LG-2.1', reason: 'shared jump host', loc: { file: 'inline.yaml', line: 3 } },
      { controlId: 'LG-6.2', reason: '', loc: { file: 'inline.yaml', line: 10 } },
    ]);
  });

  it('gives a comment above a logical ID to that resource, not the block before', () => {
    expect(resource(r, 'Second').waivers).toEqual([
      { controlId: 'LG-4.4', reason: '', loc: { file: 'inline.yaml', line: 12 } },
      { controlId: 'LG-6.3', reason: 'operator rotates the key', loc: { file: 'inline.yaml', line: 18 } },
    ]);
    expect(resource(r, 'Third').waivers).toBeUndefined();
  });

  it('never reads waivers out of strings', () => {
    const ids = r.resources.flatMap((x) => x.waivers ?? []).map((w) => w.controlId);
    expect(ids).not.toContain('LG-9.9');
    expect(ids).not.toContain('LG-9.8');
  });
});
