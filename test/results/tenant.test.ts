import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanFixture } from '../support/scan-fixture.js';

// 共同利用方式: each municipality's findings are told apart by the lg:tenant tag,
// on the resource or, on Azure, on its resource group.
const MAIN_TF = `
resource "azurerm_resource_group" "ishikari" {
  name     = "rg-jumin-ishikari"
  location = "japaneast"
  tags     = { "lg:tenant" = "ishikari" }
}

resource "azurerm_storage_account" "docs" {
  name                     = "stjuminishikari"
  resource_group_name      = azurerm_resource_group.ishikari.name
  location                 = "japaneast"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_storage_account" "own" {
  name                     = "stjuminshared"
  resource_group_name      = azurerm_resource_group.ishikari.name
  location                 = "japaneast"
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  tags                     = { "lg:tenant" = "tobetsu" }
}
`;

describe('tenant of a finding', () => {
  it('comes from the resource tag, else from its Azure resource group', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-tenant-'));
    writeFileSync(path.join(dir, 'main.tf'), MAIN_TF);
    const { findings } = await scanFixture(dir);
    const tenants = (address: string) => new Set(findings.filter((f) => f.resource.address === address).map((f) => f.tenant));
    expect(tenants('azurerm_storage_account.docs')).toEqual(new Set(['ishikari']));
    expect(tenants('azurerm_storage_account.own')).toEqual(new Set(['tobetsu']));
  });
});

describe('account-wide settings', () => {
  it('are marked so, whatever their tags: a trail and a detector hold for every municipality, a bucket does not', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kikan-account-wide-'));
    writeFileSync(
      path.join(dir, 'main.tf'),
      [
        'resource "aws_guardduty_detector" "main" {\n  enable = false\n}',
        'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}',
        'resource "aws_s3_bucket" "logs" {\n  bucket = "audit-logs"\n}',
      ].join('\n'),
    );
    const { findings } = await scanFixture(dir);
    const wide = (address: string) => [...new Set(findings.filter((f) => f.resource.address === address).map((f) => f.resource.accountWide ?? false))];
    expect(wide('aws_guardduty_detector.main')).toEqual([true]);
    expect(wide('aws_cloudtrail.audit')).toEqual([true]);
    expect(wide('aws_s3_bucket.logs')).toEqual([false]);
  });
});
