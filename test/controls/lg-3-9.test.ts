// LG-3.9 on hand-built models: listener TLS policies and redirects, bucket
// policies that deny plain HTTP, minimum TLS of stores and web apps.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/controls/checks/lg-3-9.js';
import { policyRequiresTls12, tlsVersionOf } from '../../src/controls/network/tls-versions.js';
import { fact } from '../../src/model/fact.js';
import { ModelBuilder, cause } from '../graph/model-builder.js';
import { known, loadBalancer, run, statuses, store } from './lg-3-support.js';

describe('TLS versions and policies', () => {
  it('reads versions as definitions write them', () => {
    expect(['TLS1_2', '1.2', 'TLSv1.2', 'Tls12', 'TLS1_0', 'TLS1_3', 'Enabled'].map(tlsVersionOf)).toEqual([1.2, 1.2, 1.2, 1.2, 1, 1.3, undefined]);
  });

  it('knows which predefined policies start at TLS 1.2', () => {
    expect(
      [
        'ELBSecurityPolicy-TLS13-1-2-2021-06',
        'ELBSecurityPolicy-TLS13-1-3-2021-06',
        'ELBSecurityPolicy-TLS-1-2-Ext-2018-06',
        'ELBSecurityPolicy-FS-1-2-Res-2020-10',
        'ELBSecurityPolicy-2016-08',
        'ELBSecurityPolicy-TLS-1-1-2017-01',
        'ELBSecurityPolicy-TLS13-1-1-2021-06',
        'ELBSecurityPolicy-FS-2018-06',
        'AppGwSslPolicy20220101S',
        'AppGwSslPolicy20150501',
        'TLSv1_2',
        'my-custom-policy',
      ].map(policyRequiresTls12),
    ).toEqual([true, true, true, true, false, false, false, false, true, false, true, undefined]);
  });
});

describe('LG-3.9', () => {
  it('judges each listener: old TLS policies and plain HTTP fail, redirects and TLS 1.2 pass, TCP is not judged', () => {
    const m = new ModelBuilder();
    const vpc = m.vpc('aws_vpc.web', { tags: { 'lg:segment': 'internet' } });
    const s = m.subnet('aws_subnet.web', vpc);
    loadBalancer(m, 'aws_lb.web', [s], {
      listeners: [
        { definedBy: 'aws_lb_listener.https', sslPolicy: fact('ELBSecurityPolicy-TLS13-1-2-2021-06') },
        { definedBy: 'aws_lb_listener.legacy', port: fact<number | null>(8443), sslPolicy: fact('ELBSecurityPolicy-2016-08') },
        { definedBy: 'aws_lb_listener.http', protocol: fact('HTTP'), port: fact<number | null>(80), redirectsToHttps: fact(true) },
        { definedBy: 'aws_lb_listener.plain', protocol: fact('HTTP'), port: fact<number | null>(8080), redirectsToHttps: { known: true, value: false, defaulted: true } },
        { definedBy: 'aws_lb_listener.tcp', protocol: fact('TCP'), port: fact<number | null>(5432) },
        { definedBy: 'aws_lb_listener.unset', port: fact<number | null>(9443), sslPolicy: m.fact<string | null>(cause('ssl_policy', 'AWS applies its default policy of the day')) },
      ],
    });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual([
      'aws_lb.web[aws_lb_listener.https 443]=pass',
      'aws_lb.web[aws_lb_listener.legacy 8443]=fail',
      'aws_lb.web[aws_lb_listener.http 80]=pass',
      'aws_lb.web[aws_lb_listener.plain 8080]=fail',
      'aws_lb.web[aws_lb_listener.unset 9443]=unknown',
    ]);
    expect(drafts[1]!.message.en).toContain('ELBSecurityPolicy-2016-08');
    expect(drafts[4]!.unknown![0]!.inputs).toEqual(['ssl_policy']);
  });

  it('passes a bucket policy that denies aws:SecureTransport false, fails none or one without it', () => {
    const m = new ModelBuilder();
    const deny = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AllowApp', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/app' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::juki-docs/*' },
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::juki-docs', 'arn:aws:s3:::juki-docs/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    });
    const allowOnly = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: '*' }] });
    store(m, 'aws_s3_bucket.docs', { storeType: 's3-bucket', policy: known<string | null>(m, deny) });
    store(m, 'aws_s3_bucket.logs', { storeType: 's3-bucket', policy: known<string | null>(m, null) });
    store(m, 'aws_s3_bucket.share', { storeType: 's3-bucket', policy: known<string | null>(m, allowOnly) });
    store(m, 'aws_s3_bucket.vars', { storeType: 's3-bucket', policy: m.fact<string | null>(cause('var.bucket_policy')) });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['aws_s3_bucket.docs=pass', 'aws_s3_bucket.logs=fail', 'aws_s3_bucket.share=fail', 'aws_s3_bucket.vars=unknown']);
  });

  it('fails stores and web apps that accept plain HTTP or TLS before 1.2', () => {
    const m = new ModelBuilder('azure', 'main.json');
    store(m, 'stjuki', { storeType: 'storage-account', httpsOnly: known(m, true), minTlsVersion: known<string | null>(m, 'TLS1_2') });
    store(m, 'stlegacy', { storeType: 'storage-account', httpsOnly: known(m, false), minTlsVersion: known<string | null>(m, 'TLS1_0', true) });
    store(m, 'sql-juki', { storeType: 'sql-server', minTlsVersion: known<string | null>(m, null, true) });
    store(m, 'sql-vars', { storeType: 'sql-server', minTlsVersion: m.fact<string | null>(cause("parameters('minTls')")) });
    const drafts = run(check, m);
    expect(statuses(drafts)).toEqual(['stjuki=pass', 'stlegacy=fail', 'sql-juki=fail', 'sql-vars=unknown']);
    expect(drafts[1]!.message.en).toBe('it accepts plain HTTP (HTTPS-only is off); the minimum TLS version is TLS1_0 (default), which accepts versions older than 1.2');
    expect(drafts[2]!.message.en).toContain('no minimum TLS version is set (default)');
  });
});
