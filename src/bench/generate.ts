// Writes a synthetic but realistic estate of definitions for `npm run bench`:
// per unit, AWS accounts as Terraform roots calling local modules (for_each,
// count), CloudFormation templates in YAML and JSON, and Azure subscriptions
// as ARM templates with copy loops and parameter files plus azurerm roots.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SERVICES = ['juki', 'zeimu', 'kokuho', 'kaigo', 'jidou', 'shougai', 'nenkin', 'seikatsu'];
const REGIONS = ['ap-northeast-1', 'ap-northeast-3'];

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function networkModule(): string {
  return `variable "name" { type = string }
variable "cidr" { type = string }
variable "azs" { type = list(string) }
variable "subnets" { type = map(string) }
variable "flow_log_bucket_arn" {
  type    = string
  default = null
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_hostnames = true
  tags                 = { Name = var.name }
}

resource "aws_subnet" "private" {
  for_each          = var.subnets
  vpc_id            = aws_vpc.this.id
  cidr_block        = each.value
  availability_zone = var.azs[index(keys(var.subnets), each.key) % length(var.azs)]
  tags              = { Name = "\${var.name}-\${each.key}" }
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id
}

resource "aws_route_table_association" "private" {
  for_each       = aws_subnet.private
  subnet_id      = each.value.id
  route_table_id = aws_route_table.private.id
}

resource "aws_flow_log" "this" {
  count                = var.flow_log_bucket_arn == null ? 0 : 1
  vpc_id               = aws_vpc.this.id
  log_destination      = var.flow_log_bucket_arn
  log_destination_type = "s3"
  traffic_type         = "ALL"
}

output "vpc_id" { value = aws_vpc.this.id }
output "subnet_ids" { value = [for s in aws_subnet.private : s.id] }
`;
}

function databaseModule(): string {
  return `variable "identifier" { type = string }
variable "subnet_ids" { type = list(string) }
variable "vpc_id" { type = string }
variable "multi_az" {
  type    = bool
  default = true
}
variable "instance_class" {
  type    = string
  default = "db.r6g.large"
}

resource "aws_db_subnet_group" "this" {
  name       = var.identifier
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "db" {
  name   = "\${var.identifier}-db"
  vpc_id = var.vpc_id

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_db_instance" "this" {
  identifier              = var.identifier
  engine                  = "postgres"
  engine_version          = "15.4"
  instance_class          = var.instance_class
  allocated_storage       = 100
  storage_encrypted       = true
  multi_az                = var.multi_az
  backup_retention_period = 14
  deletion_protection     = true
  db_subnet_group_name    = aws_db_subnet_group.this.name
  vpc_security_group_ids  = [aws_security_group.db.id]
  username                = "app"
  manage_master_user_password = true
}
`;
}

function accountRoot(service: string, env: string, i: number): Record<string, string> {
  const octet = (i * 7) % 250;
  const name = `${service}-${env}-${i}`;
  return {
    'versions.tf': `terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}
`,
    'variables.tf': `variable "region" {
  type    = string
  default = "${REGIONS[i % REGIONS.length]}"
}
variable "app_count" {
  type    = number
  default = ${1 + (i % 3)}
}
variable "admin_cidrs" {
  type    = list(string)
  default = ["10.${octet}.250.0/24"]
}
`,
    'terraform.tfvars': `app_count = ${2 + (i % 2)}\n`,
    'main.tf': `locals {
  name = "${name}"
  tags = {
    System      = "${service}"
    Environment = "${env}"
  }
  subnets = {
    app-a = "10.${octet}.1.0/24"
    app-c = "10.${octet}.2.0/24"
    db-a  = "10.${octet}.11.0/24"
    db-c  = "10.${octet}.12.0/24"
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "\${local.name}-logs"
  tags   = local.tags
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

module "network" {
  source              = "../../modules/network"
  name                = local.name
  cidr                = "10.${octet}.0.0/16"
  azs                 = ["\${var.region}a", "\${var.region}c"]
  subnets             = local.subnets
  flow_log_bucket_arn = aws_s3_bucket.logs.arn
}

module "db" {
  source     = "../../modules/database"
  identifier = "\${local.name}-db"
  subnet_ids = module.network.subnet_ids
  vpc_id     = module.network.vpc_id
  multi_az   = ${env === 'prod' ? 'true' : 'false'}
}

resource "aws_security_group" "app" {
  name   = "\${local.name}-app"
  vpc_id = module.network.vpc_id

  dynamic "ingress" {
    for_each = var.admin_cidrs
    content {
      from_port   = 22
      to_port     = 22
      protocol    = "tcp"
      cidr_blocks = [ingress.value]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "app" {
  count                  = var.app_count
  ami                    = "ami-0abcdef1234567890"
  instance_type          = "m6i.large"
  subnet_id              = module.network.subnet_ids[count.index % 2]
  vpc_security_group_ids = [aws_security_group.app.id]
  metadata_options {
    http_tokens = "required"
  }
  root_block_device {
    encrypted = true
  }
  tags = merge(local.tags, { Name = "\${local.name}-app-\${count.index}" })
}

resource "aws_cloudtrail" "main" {
  name                          = "\${local.name}-trail"
  s3_bucket_name                = aws_s3_bucket.logs.id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
}
`,
  };
}

function cfnYaml(service: string, i: number): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Description: ${service} shared services ${i}
Parameters:
  Env:
    Type: String
    AllowedValues: [prod, stg]
    Default: prod
  VpcCidr:
    Type: String
    Default: 172.${16 + (i % 16)}.0.0/16
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref VpcCidr
      EnableDnsSupport: true
      Tags:
        - Key: Name
          Value: !Sub '${service}-\${Env}-vpc'
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [0, !Cidr [!Ref VpcCidr, 4, 8]]
      AvailabilityZone: !Select [0, !GetAZs '']
  SubnetC:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [1, !Cidr [!Ref VpcCidr, 4, 8]]
      AvailabilityZone: !Select [1, !GetAZs '']
  WebSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 10.0.0.0/8
  Bucket:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    Properties:
      BucketName: !Sub '${service}-\${AWS::AccountId}-${i}'
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.r6g.large
      AllocatedStorage: '100'
      MultiAZ: !If [IsProd, true, false]
      StorageEncrypted: true
      BackupRetentionPeriod: 7
      VPCSecurityGroups: [!GetAtt WebSg.GroupId]
Outputs:
  VpcId:
    Value: !Ref Vpc
`;
}

function cfnJson(service: string, i: number): string {
  const resources: Record<string, unknown> = {};
  for (let q = 0; q < 3; q++) {
    resources[`Queue${q}`] = { Type: 'AWS::SQS::Queue', Properties: { QueueName: `${service}-${i}-q${q}`, KmsMasterKeyId: 'alias/aws/sqs' } };
  }
  resources.LogGroup = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: `/${service}/${i}`, RetentionInDays: 365 } };
  resources.Table = {
    Type: 'AWS::DynamoDB::Table',
    Properties: {
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: i % 2 === 0 },
      SSESpecification: { SSEEnabled: true },
    },
  };
  return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Description: `${service} queues`, Resources: resources }, null, 2) + '\n';
}

function armTemplate(service: string, i: number): string {
  return JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: {
        location: { type: 'string', defaultValue: 'japaneast' },
        vmCount: { type: 'int', defaultValue: 2 },
        prefix: { type: 'string', defaultValue: `${service}${i}` },
      },
      variables: {
        vnetName: "[concat(parameters('prefix'), '-vnet')]",
        subnetNames: ['app', 'db', 'mgmt'],
      },
      resources: [
        {
          type: 'Microsoft.Network/virtualNetworks',
          apiVersion: '2023-04-01',
          name: "[variables('vnetName')]",
          location: "[parameters('location')]",
          properties: {
            addressSpace: { addressPrefixes: [`10.${100 + (i % 100)}.0.0/16`] },
            copy: [
              {
                name: 'subnets',
                count: "[length(variables('subnetNames'))]",
                input: {
                  name: "[variables('subnetNames')[copyIndex('subnets')]]",
                  properties: { addressPrefix: `[concat('10.${100 + (i % 100)}.', copyIndex('subnets'), '.0/24')]` },
                },
              },
            ],
          },
        },
        {
          type: 'Microsoft.Network/networkSecurityGroups',
          apiVersion: '2023-04-01',
          name: "[concat(parameters('prefix'), '-nsg')]",
          location: "[parameters('location')]",
          properties: {
            securityRules: [
              {
                name: 'allow-https',
                properties: {
                  priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
                  sourceAddressPrefix: 'VirtualNetwork', sourcePortRange: '*',
                  destinationAddressPrefix: '*', destinationPortRange: '443',
                },
              },
            ],
          },
        },
        {
          type: 'Microsoft.Network/networkInterfaces',
          apiVersion: '2023-04-01',
          name: "[concat(parameters('prefix'), '-nic', copyIndex())]",
          location: "[parameters('location')]",
          copy: { name: 'nicLoop', count: "[parameters('vmCount')]" },
          dependsOn: ["[resourceId('Microsoft.Network/virtualNetworks', variables('vnetName'))]"],
          properties: {
            ipConfigurations: [
              {
                name: 'ipconfig1',
                properties: {
                  privateIPAllocationMethod: 'Dynamic',
                  subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', variables('vnetName'), 'app')]" },
                },
              },
            ],
          },
        },
        {
          type: 'Microsoft.Compute/virtualMachines',
          apiVersion: '2023-03-01',
          name: "[concat(parameters('prefix'), '-vm', copyIndex())]",
          location: "[parameters('location')]",
          zones: ["[string(add(mod(copyIndex(), 3), 1))]"],
          copy: { name: 'vmLoop', count: "[parameters('vmCount')]" },
          dependsOn: ["nicLoop"],
          properties: {
            hardwareProfile: { vmSize: 'Standard_D4s_v5' },
            osProfile: { computerName: "[concat('vm', copyIndex())]", adminUsername: 'azureuser', linuxConfiguration: { disablePasswordAuthentication: true } },
            storageProfile: { osDisk: { createOption: 'FromImage', managedDisk: { storageAccountType: 'Premium_ZRS' } } },
            networkProfile: {
              networkInterfaces: [{ id: "[resourceId('Microsoft.Network/networkInterfaces', concat(parameters('prefix'), '-nic', copyIndex()))]" }],
            },
          },
        },
        {
          type: 'Microsoft.Storage/storageAccounts',
          apiVersion: '2023-01-01',
          name: "[concat(parameters('prefix'), uniqueString(resourceGroup().id))]",
          location: "[parameters('location')]",
          sku: { name: 'Standard_ZRS' },
          kind: 'StorageV2',
          properties: { minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false, supportsHttpsTrafficOnly: true },
        },
      ],
    },
    null,
    2,
  ) + '\n';
}

function armParameters(i: number): string {
  return JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      contentVersion: '1.0.0.0',
      parameters: { vmCount: { value: 2 + (i % 3) } },
    },
    null,
    2,
  ) + '\n';
}

function azurermRoot(service: string, i: number): string {
  return `provider "azurerm" {
  features {}
}

variable "location" {
  type    = string
  default = "japanwest"
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-${service}-${i}"
  location = var.location
}

resource "azurerm_virtual_network" "vnet" {
  name                = "vnet-${service}-${i}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.${200 + (i % 50)}.0.0/16"]
}

resource "azurerm_subnet" "tier" {
  for_each             = toset(["web", "app", "db"])
  name                 = "snet-\${each.key}"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = [cidrsubnet("10.${200 + (i % 50)}.0.0/16", 8, index(["web", "app", "db"], each.key))]
}

resource "azurerm_key_vault" "kv" {
  name                       = "kv-${service}-${i}"
  location                   = azurerm_resource_group.rg.location
  resource_group_name        = azurerm_resource_group.rg.name
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  purge_protection_enabled   = true
  soft_delete_retention_days = 90
}
`;
}

/** One unit is 2 AWS accounts, 2 CloudFormation stacks and 1 Azure subscription; returns the files written. */
export function generateEstate(dir: string, units: number): number {
  let files = 0;
  const put = (rel: string, text: string) => {
    write(path.join(dir, rel), text);
    files++;
  };
  put('modules/network/main.tf', networkModule());
  put('modules/database/main.tf', databaseModule());
  for (let u = 0; u < units; u++) {
    const service = SERVICES[u % SERVICES.length]!;
    for (const env of ['prod', 'stg']) {
      const i = u * 2 + (env === 'prod' ? 0 : 1);
      for (const [name, text] of Object.entries(accountRoot(service, env, i))) put(`accounts/${service}-${env}-${u}/${name}`, text);
      put(`cloudformation/${service}-${u}/${env}-shared.yaml`, cfnYaml(service, i));
    }
    put(`cloudformation/${service}-${u}/queues.json`, cfnJson(service, u));
    put(`azure/${service}-${u}/azuredeploy.json`, armTemplate(service, u));
    put(`azure/${service}-${u}/azuredeploy.parameters.json`, armParameters(u));
    put(`azure/${service}-${u}/terraform/main.tf`, azurermRoot(service, u));
  }
  return files;
}
