import { describe, expect, it } from 'vitest';
import { armParameterFileNames, looksLikeArmParameters, looksLikeArmTemplate } from '../../../src/readers/arm/index.js';

const TEMPLATE = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": []
}`;

describe('file sniffing', () => {
  it('recognises templates of every scope by $schema, and templates without one by shape', () => {
    expect(looksLikeArmTemplate(TEMPLATE)).toBe(true);
    for (const s of ['subscriptionDeploymentTemplate', 'managementGroupDeploymentTemplate', 'tenantDeploymentTemplate']) {
      expect(looksLikeArmTemplate(`{"$schema": "https://schema.management.azure.com/schemas/2019-08-01/${s}.json#", "resources": []}`)).toBe(true);
    }
    expect(looksLikeArmTemplate('{\n  // exported\n  "contentVersion": "1.0.0.0",\n  "resources": [ ]\n}')).toBe(true);
  });

  it('recognises parameter files, wrapped or with a schema', () => {
    expect(looksLikeArmParameters('{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}')).toBe(true);
    expect(looksLikeArmParameters('{"contentVersion": "1.0.0.0", "parameters": {"env": {"value": "prd"}}}')).toBe(true);
    expect(looksLikeArmTemplate('{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}')).toBe(false);
    expect(looksLikeArmParameters(TEMPLATE)).toBe(false);
  });

  it('is not fooled by CloudFormation, Terraform plans, package.json or Logic App definitions', () => {
    const others = [
      '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Vpc": {"Type": "AWS::EC2::VPC"}}}',
      '{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"contentVersion": "x", "resources": []}}}}',
      '{"format_version": "1.2", "terraform_version": "1.9.0", "planned_values": {"root_module": {"resources": []}}}',
      '{"name": "kikan", "version": "0.1.0", "dependencies": {}}',
      '{"$schema": "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#", "contentVersion": "1.0.0.0", "actions": {}, "resources": []}',
      '[{"ParameterKey": "Env", "ParameterValue": "prd"}]',
    ];
    for (const text of others) {
      expect(looksLikeArmTemplate(text), text).toBe(false);
      expect(looksLikeArmParameters(text), text).toBe(false);
    }
  });

  it('names the parameter files that go with a template by convention', () => {
    expect(armParameterFileNames('net/azuredeploy.json')).toEqual(['net/azuredeploy.parameters.json']);
    expect(armParameterFileNames('main.json')).toEqual(['main.parameters.json']);
    expect(armParameterFileNames('export/template.json')).toEqual(['export/template.parameters.json', 'export/parameters.json']);
  });
});
