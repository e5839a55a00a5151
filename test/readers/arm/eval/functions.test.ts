import { describe, expect, it } from 'vitest';
import { EvalBudgetExceeded } from '../../../../src/eval/arm/scope.js';
import { toPlain, type Value } from '../../../../src/readers/value.js';
import { ev, LOC, testScope } from './scope-for-tests.js';

const plain = (v: Value) => toPlain(v);
const known = (template: string, scope = testScope()) => {
  const v = ev(template, scope);
  if (v.kind === 'unknown') throw new Error(`unknown: ${v.cause.detail}`);
  return toPlain(v);
};

describe('string functions', () => {
  it('concat joins strings and arrays', () => {
    expect(known("[concat('vnet-', 'mn', '-', 1)]")).toBe('vnet-mn-1');
    expect(known("[concat(createArray(1, 2), createArray('a'))]")).toEqual([1, 2, 'a']);
  });

  it('keeps the known parts of a name and shows the unknown part as its expression', () => {
    const v = ev("[concat('kv-juki-', uniqueString(resourceGroup().id))]");
    expect(v).toMatchObject({ kind: 'unknown', expr: 'kv-juki-[uniqueString(resourceGroup().id)]' });
    expect(v.kind === 'unknown' && v.cause.inputs).toEqual(['uniqueString(resourceGroup().id)']);
  });

  it('format fills placeholders, with .NET specifiers and escaped braces', () => {
    expect(known("[format('{0}-{1:D3}-{{x}}', 'vm', 7)]")).toBe('vm-007-{x}');
    expect(known("[format('{0:N0} users', 8175133)]")).toBe('8,175,133 users');
    expect(known("[format('{0}', true())]")).toBe('True');
    const v = ev("[format('nsg-{0}-{1}', parameters('env'), 'app')]", testScope({ unknownParams: ['env'] }));
    expect(v).toMatchObject({ kind: 'unknown', expr: "nsg-[parameters('env')]-app" });
  });

  it('reads and edits strings with ARM rules', () => {
    expect(known("[split('a,b;c', createArray(',', ';'))]")).toEqual(['a', 'b', 'c']);
    expect(known("[replace('10.0.0.0-16', '-', '/')]")).toBe('10.0.0.0/16');
    expect(known("[substring('japaneast', 0, 5)]")).toBe('japan');
    expect(known("[padLeft(7, 3, '0')]")).toBe('007');
    expect(known("[toUpper(trim('  lg '))]")).toBe('LG');
    // startsWith / endsWith / indexOf ignore case; contains on strings does not.
    expect(known("[startsWith('JapanEast', 'japan')]")).toBe(true);
    expect(known("[endsWith('JapanEast', 'EAST')]")).toBe(true);
    expect(known("[indexOf('abcABC', 'B')]")).toBe(1);
    expect(known("[lastIndexOf('abcABC', 'b')]")).toBe(4);
    expect(known("[contains('JapanEast', 'east')]")).toBe(false);
  });

  it('turns a substring out of range into an unknown naming the error, not a crash', () => {
    const v = ev("[substring('abc', 2, 5)]");
    expect(v).toMatchObject({ kind: 'unknown' });
    expect(v.kind === 'unknown' && v.cause.detail).toMatch(/substring range/);
  });
});

describe('conversion functions', () => {
  it('converts between types as ARM does', () => {
    expect(known("[string(createObject('a', 1, 'b', createArray(true())))]")).toBe('{"a":1,"b":[true]}');
    expect(known('[string(false())]')).toBe('False');
    expect(known("[int('42')]")).toBe(42);
    expect(known("[bool('TRUE')]")).toBe(true);
    expect(known("[json('{\"a\": [1, 2], // comment\n \"b\": null}')]")).toEqual({ a: [1, 2], b: null });
    expect(known("[base64ToString(base64('住民'))]")).toBe('住民');
    expect(known("[dataUri('Hello')]")).toBe('data:text/plain;charset=utf8;base64,SGVsbG8=');
    expect(known("[uri('https://example.com/a/b', 'c.json')]")).toBe('https://example.com/a/c.json');
    expect(known("[uriComponent('a b/c')]")).toBe('a%20b%2Fc');
  });
});

describe('array and object functions', () => {
  it('keeps the shape of arrays whose items are unknown', () => {
    const s = testScope({ unknownParams: ['a'] });
    expect(known("[length(createArray(parameters('a'), 2))]", s)).toBe(2);
    expect(known("[empty(createArray(parameters('a')))]", s)).toBe(false);
    expect(ev("[first(createArray(parameters('a'), 2))]", s)).toMatchObject({ kind: 'unknown', expr: "[parameters('a')]" });
    expect(known("[last(createArray(parameters('a'), 2))]", s)).toBe(2);
    // A known match decides contains(); an unknown item leaves a miss open.
    expect(known("[contains(createArray(parameters('a'), 2), 2)]", s)).toBe(true);
    expect(ev("[contains(createArray(parameters('a'), 2), 3)]", s)).toMatchObject({ kind: 'unknown' });
  });

  it('union merges nested objects and de-duplicates arrays; intersection keeps what all share', () => {
    expect(known("[union(createObject('tags', createObject('a', 1), 'x', 1), createObject('tags', createObject('b', 2), 'x', 2))]")).toEqual({
      tags: { a: 1, b: 2 },
      x: 2,
    });
    expect(known('[union(createArray(1, 2), createArray(2, 3))]')).toEqual([1, 2, 3]);
    expect(known('[intersection(createArray(1, 2, 3), createArray(3, 2))]')).toEqual([2, 3]);
    expect(known("[intersection(createObject('a', 1, 'b', 2), createObject('a', 1, 'b', 3))]")).toEqual({ a: 1 });
  });

  it('reads objects: items sorted by key, tryGet, property access ignoring case', () => {
    expect(known("[items(createObject('b', 2, 'A', 1))]")).toEqual([
      { key: 'A', value: 1 },
      { key: 'b', value: 2 },
    ]);
    expect(known("[tryGet(createObject('a', createArray(10, 20)), 'a', 1)]")).toBe(20);
    expect(known("[tryGet(createObject('a', 1), 'missing')]")).toBe(null);
    expect(known("[createObject('Name', 'x').name]")).toBe('x');
    expect(known("[objectKeys(createObject('a', 1, 'b', 2))]")).toEqual(['a', 'b']);
    expect(known("[shallowMerge(createArray(createObject('a', 1), createObject('a', 2, 'b', 3)))]")).toEqual({ a: 2, b: 3 });
  });

  it('take, skip, range, flatten, join, min, max', () => {
    expect(known('[take(range(5, 4), 2)]')).toEqual([5, 6]);
    expect(known("[skip('japaneast', 5)]")).toBe('east');
    expect(known('[flatten(createArray(createArray(1), createArray(2, 3)))]')).toEqual([1, 2, 3]);
    expect(known("[join(createArray('a', 'b'), '-')]")).toBe('a-b');
    expect(known('[min(createArray(4, 2, 9))]')).toBe(2);
    expect(known('[max(4, 2, 9)]')).toBe(9);
    expect(ev('[range(0, 20000)]')).toMatchObject({ kind: 'unknown' });
  });

  it('a missing property or index is an unknown that names the error', () => {
    const v = ev("[createObject('a', 1).b]");
    expect(v.kind === 'unknown' && v.cause.detail).toMatch(/no property 'b'/);
    const w = ev('[createArray(1)[3]]');
    expect(w.kind === 'unknown' && w.cause.detail).toMatch(/out of range/);
  });
});

describe('logical and numeric functions', () => {
  it('if evaluates only the branch the condition selects', () => {
    const s = testScope({ unknownParams: ['p'] });
    expect(known("[if(equals(1, 1), 'yes', parameters('p'))]", s)).toBe('yes');
    // The unselected branch may even be an error.
    expect(known("[if(false(), createArray()[5], 'ok')]", s)).toBe('ok');
  });

  it('an unknown condition is unknown unless both branches agree', () => {
    const s = testScope({ unknownParams: ['p', 'q'] });
    expect(known("[if(parameters('p'), 'same', 'same')]", s)).toBe('same');
    const v = ev("[if(parameters('p'), 'a', parameters('q'))]", s);
    expect(v.kind === 'unknown' && v.cause.inputs).toEqual(['parameter p', 'parameter q']);
  });

  it('and/or are decided by one known argument', () => {
    const s = testScope({ unknownParams: ['p'] });
    expect(known("[and(false(), parameters('p'))]", s)).toBe(false);
    expect(known("[or(parameters('p'), true())]", s)).toBe(true);
    expect(ev("[and(true(), parameters('p'))]", s)).toMatchObject({ kind: 'unknown' });
    expect(known('[not(greaterOrEquals(2, 3))]')).toBe(true);
    expect(known("[less('a', 'b')]")).toBe(true);
  });

  it('equals compares structure; coalesce skips nulls but not unknowns', () => {
    expect(known("[equals(createObject('a', createArray(1)), createObject('a', createArray(1)))]")).toBe(true);
    expect(known("[equals('A', 'a')]")).toBe(false);
    expect(known("[coalesce(null(), null(), 'x')]")).toBe('x');
    const v = ev("[coalesce(parameters('p'), 'x')]", testScope({ unknownParams: ['p'] }));
    expect(v.kind === 'unknown' && v.cause.inputs).toEqual(['parameter p']);
  });

  it('integer arithmetic truncates like ARM', () => {
    expect(known('[div(7, 2)]')).toBe(3);
    expect(known('[div(-7, 2)]')).toBe(-3);
    expect(known('[mod(7, 3)]')).toBe(1);
    expect(known('[sub(mul(3, 4), add(1, 1))]')).toBe(10);
    expect(ev('[div(1, 0)]')).toMatchObject({ kind: 'unknown' });
  });
});

describe('lambda functions', () => {
  it('map, filter, reduce, sort, toObject, groupBy', () => {
    const subnets = "createArray(createObject('name', 'app', 'size', 24), createObject('name', 'db', 'size', 26))";
    expect(known(`[map(${subnets}, lambda('s', lambdaVariables('s').name))]`)).toEqual(['app', 'db']);
    expect(known(`[filter(${subnets}, lambda('s', equals(lambdaVariables('s').size, 26)))]`)).toEqual([{ name: 'db', size: 26 }]);
    expect(known(`[reduce(${subnets}, 0, lambda('acc', 's', add(lambdaVariables('acc'), lambdaVariables('s').size)))]`)).toBe(50);
    expect(known("[sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]")).toEqual([1, 2, 3]);
    expect(known(`[toObject(${subnets}, lambda('s', lambdaVariables('s').name), lambda('s', lambdaVariables('s').size))]`)).toEqual({
      app: 24,
      db: 26,
    });
    expect(known("[groupBy(createArray('ab', 'ac', 'b'), lambda('x', first(lambdaVariables('x'))))]")).toEqual({ a: ['ab', 'ac'], b: ['b'] });
    expect(known("[map(createArray('x', 'y'), lambda('v', 'i', concat(lambdaVariables('v'), string(lambdaVariables('i')))))]")).toEqual([
      'x0',
      'y1',
    ]);
  });

  it('a filter whose predicate is unknown makes the result unknown, a map keeps unknown items', () => {
    const s = testScope({ unknownParams: ['p'] });
    expect(ev("[filter(createArray(1, 2), lambda('x', parameters('p')))]", s)).toMatchObject({ kind: 'unknown' });
    const m = ev("[map(createArray(1, 2), lambda('x', if(equals(lambdaVariables('x'), 1), 'one', parameters('p'))))]", s);
    expect(m.kind === 'list' && m.items.map((i) => i.kind)).toEqual(['known', 'unknown']);
  });
});

describe('CIDR functions', () => {
  it('computes IPv4 subnets and hosts as ARM documents them', () => {
    expect(known("[cidrSubnet('10.144.0.0/20', 24, 3)]")).toBe('10.144.3.0/24');
    expect(known("[cidrHost('10.144.3.0/24', 0)]")).toBe('10.144.3.1');
    expect(known("[parseCidr('10.144.0.0/20')]")).toEqual({
      network: '10.144.0.0',
      netmask: '255.255.240.0',
      broadcast: '10.144.15.255',
      firstUsable: '10.144.0.1',
      lastUsable: '10.144.15.254',
      cidr: 20,
    });
    expect(ev("[cidrSubnet('10.0.0.0/24', 26, 4)]")).toMatchObject({ kind: 'unknown' });
    expect(ev("[cidrSubnet('fdad:3236:5555::/48', 52, 1)]")).toMatchObject({ kind: 'unknown' });
  });
});

describe('inputs of the template', () => {
  it('parameters and variables, with access into their values', () => {
    const s = testScope({ params: { subnets: [{ name: 'app', properties: { addressPrefix: '10.0.1.0/24' } }] }, variables: { prefix: 'juki' } });
    expect(known("[parameters('subnets')[0].properties.addressPrefix]", s)).toBe('10.0.1.0/24');
    expect(known("[concat(variables('prefix'), '-', parameters('subnets')[0].name)]", s)).toBe('juki-app');
    const missing = ev("[parameters('nope')]", s);
    expect(missing.kind === 'unknown' && missing.cause.detail).toMatch(/parameter 'nope' is not declared/);
  });

  it('an unknown parameter keeps its cause through access and functions', () => {
    const s = testScope({ unknownParams: ['net'] });
    const v = ev("[toLower(parameters('net').name)]", s);
    expect(v).toMatchObject({ kind: 'unknown', expr: "[toLower(parameters('net').name)]" });
    expect(v.kind === 'unknown' && v.cause.inputs).toEqual(['parameter net']);
  });

  it('copyIndex reads the loop, with offset and loop name', () => {
    const s = testScope({ copy: { '': 2, disks: 5 } });
    expect(known('[copyIndex()]', s)).toBe(2);
    expect(known('[copyIndex(1)]', s)).toBe(3);
    expect(known("[copyIndex('disks', 10)]", s)).toBe(15);
    expect(ev("[copyIndex('other')]", s)).toMatchObject({ kind: 'unknown' });
  });

  it('resourceGroup().location is --location when given, else an unknown that names it', () => {
    expect(known('[resourceGroup().location]', testScope({ region: 'japaneast' }))).toBe('japaneast');
    const v = ev('[resourceGroup().location]');
    expect(v.kind === 'unknown' && v.cause.inputs).toEqual(['--location']);
    const name = ev('[resourceGroup().name]');
    expect(name.kind === 'unknown' && name.cause.inputs).toEqual(['resourceGroup()']);
    const sub = ev('[subscription().subscriptionId]');
    expect(sub.kind === 'unknown' && sub.cause.inputs).toEqual(['subscription()']);
  });

  it('values known only at deployment are unknowns that name the call', () => {
    for (const [expr, input] of [
      ["[reference(resourceId('Microsoft.Network/publicIPAddresses', 'pip')).ipAddress]", "reference(resourceId('Microsoft.Network/publicIPAddresses', 'pip'))"],
      ["[listKeys('st', '2023-01-01').keys[0].value]", "listKeys('st', '2023-01-01')"],
      ['[utcNow()]', 'utcNow()'],
      ["[guid(resourceGroup().id, 'x')]", "guid(resourceGroup().id, 'x')"],
      ['[newGuid()]', 'newGuid()'],
      ['[environment().suffixes.storage]', 'environment()'],
      ['[deployment().name]', 'deployment()'],
    ] as const) {
      const v = ev(expr);
      expect(v.kind, expr).toBe('unknown');
      expect(v.kind === 'unknown' && v.cause.inputs, expr).toEqual([input]);
    }
  });

  it('a function kikan does not know is an unknown that says so', () => {
    const v = ev("[someFutureFunction('x')]");
    expect(v.kind === 'unknown' && v.cause.detail).toMatch(/does not evaluate the function 'someFutureFunction'/);
  });

  it('every value created by the evaluator is located at the expression', () => {
    const v = ev("[createObject('a', createArray(1))]");
    expect(v.loc).toEqual(LOC);
    expect(v.kind === 'object' && v.fields.a!.loc).toEqual(LOC);
    expect(plain(v)).toEqual({ a: [1] });
  });

  it('stops with a budget error instead of running without end', () => {
    const s = testScope({ budget: 50 });
    expect(() => ev("[map(range(0, 1000), lambda('i', add(lambdaVariables('i'), 1)))]", s)).toThrow(EvalBudgetExceeded);
  });
});
