import { describe, expect, it } from 'vitest';
import { isEvalError } from '../../../src/eval/terraform/index.js';
import { ev, plain } from './scope-fixture.js';

// Expected values are Terraform's (its documentation examples and Go's net package formatting).
describe('cidr functions', () => {
  it.each([
    ['cidrsubnet("172.16.0.0/12", 4, 2)', '172.18.0.0/16'],
    ['cidrsubnet("10.1.2.0/24", 4, 15)', '10.1.2.240/28'],
    ['cidrsubnet("10.1.2.77/24", 0, 0)', '10.1.2.0/24'],
    ['cidrsubnet(var.cidr, 8, count.index)', '10.20.1.0/24'],
    ['[for i, az in var.azs : cidrsubnet(var.cidr, 4, i + 8)]', ['10.20.128.0/20', '10.20.144.0/20']],
    ['cidrsubnet("0.0.0.0/0", 1, 1)', '128.0.0.0/1'],
    ['cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', 'fd00:fd12:3456:7800:a200::/72'],
    ['cidrsubnet("2001:db8::/32", 32, 1)', '2001:db8:0:1::/64'],
    ['cidrsubnet("2001:db8:0:0:1:0:0:0/64", 0, 0)', '2001:db8::/64'],
    ['cidrsubnet("2001:0:0:1::/64", 0, 0)', '2001:0:0:1::/64'],
    ['cidrhost("10.12.112.0/20", 16)', '10.12.112.16'],
    ['cidrhost("10.12.112.0/20", 268)', '10.12.113.12'],
    ['cidrhost("10.0.0.0/24", -1)', '10.0.0.255'],
    ['cidrhost("10.0.0.0/24", -256)', '10.0.0.0'],
    ['cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)', 'fd00:fd12:3456:7890::22'],
    ['cidrhost("::ffff:10.0.0.0/104", 5)', '10.0.0.5'],
    ['cidrnetmask("172.16.0.0/12")', '255.240.0.0'],
    ['cidrnetmask("10.0.0.0/32")', '255.255.255.255'],
    ['cidrnetmask("0.0.0.0/0")', '0.0.0.0'],
    ['cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)', ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20']],
    [
      'cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)',
      ['fd00:fd12:3456:7800::/72', 'fd00:fd12:3456:7800:100::/72', 'fd00:fd12:3456:7800:200::/72', 'fd00:fd12:3456:7800:300::/88'],
    ],
    ['cidrsubnets("10.0.0.0/8")', []],
    ['cidrsubnets("10.0.0.0/24", 1, 1)', ['10.0.0.0/25', '10.0.0.128/25']],
  ])('%s', (expr, expected) => {
    expect(plain(expr)).toEqual(expected);
  });

  it.each([
    'cidrsubnet("10.0.0.0/30", 4, 0)',
    'cidrsubnet("10.0.0.0/24", 2, 4)',
    'cidrsubnet("10.0.0.0/24", 2, -1)',
    'cidrsubnet("10.0.0.0", 2, 1)',
    'cidrsubnet("10.0.0.0/33", 2, 1)',
    'cidrsubnet("10.0.01.0/24", 2, 1)',
    'cidrsubnet("256.0.0.0/8", 2, 1)',
    'cidrsubnet("fd00::1::/64", 2, 1)',
    'cidrhost("10.0.0.0/24", 256)',
    'cidrhost("10.0.0.0/24", -257)',
    'cidrnetmask("fd00::/64")',
    'cidrsubnets("10.0.0.0/24", 1, 1, 1)',
    'cidrsubnets("10.0.0.0/24", 9)',
  ])('%s is an error', (expr) => {
    expect(isEvalError(ev('${' + expr + '}'))).toBe(true);
  });
});
