// Fn::GetAtt attributes that return a property the template itself sets:
// `!GetAtt Vpc.CidrBlock` is the VPC's CidrBlock, so `!Cidr [!GetAtt
// Vpc.CidrBlock, 4, 8]` can be computed. Only attributes that are exactly the
// property's value belong here.
const ECHOES: Record<string, Record<string, string>> = {
  'AWS::EC2::VPC': { CidrBlock: 'CidrBlock' },
  'AWS::EC2::Subnet': { CidrBlock: 'CidrBlock', AvailabilityZone: 'AvailabilityZone', VpcId: 'VpcId' },
  'AWS::EC2::SecurityGroup': { VpcId: 'VpcId' },
};

/** The property an attribute echoes, if any. */
export function echoedProperty(type: string | undefined, attribute: string): string | undefined {
  if (type === undefined || !Object.prototype.hasOwnProperty.call(ECHOES, type)) return undefined;
  const props = ECHOES[type]!;
  return Object.prototype.hasOwnProperty.call(props, attribute) ? props[attribute] : undefined;
}
