// AWS:: pseudo parameters. Only what the scan options say is known: the
// partition and URL suffix follow from the region, and default to the
// commercial partition that ガバメントクラウド uses.
import { known, unknown, type SourceLoc, type Value } from '../../readers/value.js';
import { cause, invalid } from './unknown-causes.js';

export const NO_VALUE_NAME = 'AWS::NoValue';

function partitionOf(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Value of a pseudo parameter other than AWS::NoValue, located at its use. */
export function pseudoParameter(name: string, region: string | undefined, loc: SourceLoc): Value {
  const expr = `\${${name}}`;
  switch (name) {
    case 'AWS::Region':
      return region !== undefined
        ? known(region, loc)
        : unknown(cause(['--region'], 'AWS::Region is the deployment region: pass --region'), loc, expr);
    case 'AWS::Partition':
      return known(partitionOf(region), loc);
    case 'AWS::URLSuffix':
      return known(partitionOf(region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com', loc);
    case 'AWS::AccountId':
    case 'AWS::StackName':
    case 'AWS::StackId':
      return unknown(cause([name], `${name} is known only at deployment`), loc, expr);
    case 'AWS::NotificationARNs':
      return unknown(cause([name], `${name} is given at deployment`), loc, expr);
    default:
      return unknown(invalid(`${name} is not a pseudo parameter`), loc, expr);
  }
}

