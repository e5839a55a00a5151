import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-6-8.js';
import { defaulted } from '../../src/model/fact.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { key, only, run } from './data-controls-support.js';

describe('LG-6.8 KMS keys', () => {
  it('fails a symmetric KMS key without rotation, at the rotation setting', () => {
    const b = new ModelBuilder();
    const k = key(b, 'aws_kms_key.tax', 'kms-key', {
      rotationEnabled: defaulted(false, { file: 'kms.tf', line: 7 }),
      keySpec: defaulted('SYMMETRIC_DEFAULT'),
      origin: defaulted('AWS_KMS'),
    });
    const d = only(run(check, b), 'aws_kms_key.tax');
    expect(d.status).toBe('fail');
    expect(d.location).toEqual(k.rotationEnabled!.loc);
    expect(d.message.en).toContain('the default when unset');
  });

  it('passes a key with rotation on, whatever else is known', () => {
    const b = new ModelBuilder();
    key(b, 'k', 'kms-key', { rotationEnabled: b.fact(true) });
    expect(only(run(check, b), 'k').status).toBe('pass');
  });

  it.each([
    ['an asymmetric spec', { keySpec: 'RSA_2048', origin: 'AWS_KMS' }, 'RSA_2048'],
    ['an HMAC spec', { keySpec: 'HMAC_256', origin: 'AWS_KMS' }, 'HMAC_256'],
    ['imported material', { keySpec: 'SYMMETRIC_DEFAULT', origin: 'EXTERNAL' }, 'EXTERNAL'],
    ['a CloudHSM key store', { keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_CLOUDHSM' }, 'AWS_CLOUDHSM'],
  ])('does not judge a key with %s', (_, spec, named) => {
    const b = new ModelBuilder();
    key(b, 'k', 'kms-key', { rotationEnabled: defaulted(false), keySpec: b.fact(spec.keySpec), origin: b.fact(spec.origin) });
    const d = only(run(check, b), 'k');
    expect(d.status).toBe('not_applicable');
    expect(d.message.en).toContain(named);
    expect(d.message.ja).toMatch(new RegExp(`（鍵(の仕様|マテリアルの生成元) ${named}）`));
  });

  it('stays unknown when rotation is off but the model does not say what kind of key it is', () => {
    const b = new ModelBuilder();
    key(b, 'k', 'kms-key', { rotationEnabled: b.fact(false) });
    const d = only(run(check, b), 'k');
    expect(d.status).toBe('unknown');
    expect(d.unknown?.[0].inputs).toEqual(['k key spec']);
  });

  it('names the input when rotation or the key spec comes from one', () => {
    const b = new ModelBuilder();
    key(b, 'a', 'kms-key', { rotationEnabled: b.fact<boolean>(cause('var.rotate')), keySpec: defaulted('SYMMETRIC_DEFAULT'), origin: defaulted('AWS_KMS') });
    key(b, 'c', 'kms-key', { rotationEnabled: b.fact(false), keySpec: b.fact<string>(cause('var.spec')), origin: defaulted('AWS_KMS') });
    const drafts = run(check, b);
    expect(only(drafts, 'a').unknown?.[0].inputs).toEqual(['var.rotate']);
    expect(only(drafts, 'c').unknown?.[0].inputs).toEqual(['var.spec']);
  });

  it('a known asymmetric spec decides even when rotation is unknown', () => {
    const b = new ModelBuilder();
    key(b, 'k', 'kms-key', { rotationEnabled: b.fact<boolean>(cause('var.rotate')), keySpec: b.fact('ECC_NIST_P256') });
    expect(only(run(check, b), 'k').status).toBe('not_applicable');
  });
});

describe('LG-6.8 Key Vault keys', () => {
  it('passes a rotation policy or an expiry, fails neither, located at what was written', () => {
    const b = new ModelBuilder('azure', 'main.json');
    key(b, 'rotates', 'key-vault-key', { rotationEnabled: b.fact(true), expires: defaulted(null) });
    key(b, 'expires', 'key-vault-key', { rotationEnabled: defaulted(false), expires: b.fact<string | null>('2028-01-01T00:00:00Z') });
    const notify = key(b, 'notify-only', 'key-vault-key', { rotationEnabled: b.fact(false), expires: defaulted(null) });
    key(b, 'bare', 'key-vault-key', { rotationEnabled: defaulted(false), expires: defaulted(null) });
    const drafts = run(check, b);
    expect(['rotates', 'expires', 'notify-only', 'bare'].map((a) => only(drafts, a).status)).toEqual(['pass', 'pass', 'fail', 'fail']);
    expect(only(drafts, 'notify-only').location).toEqual(notify.rotationEnabled!.loc);
    expect(only(drafts, 'bare').location).toEqual(b.model.get('bare')!.loc);
  });

  it('an expiry decides even when the rotation policy is unknown; otherwise the unknown is named', () => {
    const b = new ModelBuilder('azure');
    key(b, 'a', 'key-vault-key', { rotationEnabled: b.fact<boolean>(cause('parameter rotation')), expires: b.fact<string | null>('2027-04-01T00:00:00Z') });
    key(b, 'b', 'key-vault-key', { rotationEnabled: b.fact<boolean>(cause('parameter rotation')), expires: defaulted(null) });
    key(b, 'c', 'key-vault-key', { expires: defaulted(null) });
    const drafts = run(check, b);
    expect(only(drafts, 'a').status).toBe('pass');
    expect(only(drafts, 'b').unknown?.[0].inputs).toEqual(['parameter rotation']);
    expect(only(drafts, 'c').status).toBe('unknown');
  });

  it('does not judge vaults or disk encryption sets', () => {
    const b = new ModelBuilder('azure');
    key(b, 'kv', 'key-vault', { purgeProtection: b.fact(true) });
    key(b, 'des', 'disk-encryption-set', { rotationEnabled: b.fact(false) });
    expect(run(check, b)).toEqual([]);
  });
});
