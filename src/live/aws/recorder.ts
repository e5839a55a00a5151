// What the Config recorder of an account/region records. A type it does not
// record has no items, which must not read as "no such resources": the
// reader reports it as not scanned, naming the recorder setting to change.
import type { ConfigServiceClient, RecordingGroup } from '@aws-sdk/client-config-service';
import { DescribeConfigurationRecordersCommand, DescribeConfigurationRecorderStatusCommand } from '@aws-sdk/client-config-service';
import type { NativeResource, NotScanned, ReadError } from '../../readers/native.js';
import { unknown } from '../../readers/value.js';
import { liveLoc, nativeOfItem } from './to-native.js';
import { callError } from './call-error.js';

/** The types of `wanted` the recording group leaves out; every one when nothing records. */
export function unrecordedTypes(group: RecordingGroup | undefined, recording: boolean, wanted: readonly string[]): string[] {
  if (!group || !recording) return [...wanted];
  const strategy = group.recordingStrategy?.useOnly;
  if (strategy === 'EXCLUSION_BY_RESOURCE_TYPES') {
    const excluded = new Set<string>(group.exclusionByResourceTypes?.resourceTypes ?? []);
    return wanted.filter((t) => excluded.has(t));
  }
  if (group.allSupported || strategy === 'ALL_SUPPORTED_RESOURCE_TYPES') return [];
  const listed = new Set<string>(group.resourceTypes ?? []);
  return wanted.filter((t) => !listed.has(t));
}

export interface RecorderCoverage {
  notScanned: NotScanned[];
  errors: ReadError[];
  /** The recorder as an AWS::Config::ConfigurationRecorder item (for LG-7.3); unknown facts when it could not be read. */
  resources: NativeResource[];
}

export async function recorderCoverage(
  client: ConfigServiceClient,
  accountId: string,
  region: string,
  wanted: readonly string[],
): Promise<RecorderCoverage> {
  const scope = `aws:${accountId}/${region}`;
  const loc = liveLoc(accountId, region);
  try {
    const recorders = (await client.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders ?? [];
    const statuses = (await client.send(new DescribeConfigurationRecorderStatusCommand({}))).ConfigurationRecordersStatus ?? [];
    const recorder = recorders[0];
    const recording = Boolean(recorder && statuses.find((s) => s.name === recorder.name)?.recording);
    const missing = unrecordedTypes(recorder?.recordingGroup, recording, wanted);
    const setting = !recorder
      ? 'no configuration recorder exists (config:PutConfigurationRecorder)'
      : !recording
        ? `configuration recorder ${recorder.name ?? ''} is stopped (config:StartConfigurationRecorder)`
        : `configuration recorder ${recorder.name ?? ''} recordingGroup does not record this type`;
    const item = recorder
      ? nativeOfItem(
          {
            resourceType: 'AWS::Config::ConfigurationRecorder',
            resourceId: recorder.name ?? 'default',
            resourceName: recorder.name ?? 'default',
            configuration: { name: recorder.name, roleARN: recorder.roleARN, recordingGroup: recorder.recordingGroup ?? null, recording },
          },
          { accountId, region },
        )
      : undefined;
    return {
      errors: [],
      resources: item ? [item] : [],
      notScanned: missing.map((t) => ({
        address: `${scope}/${t}`,
        scope,
        loc,
        cause: { inputs: [`AWS Config recorder: ${t}`], detail: `${t} is not recorded in ${scope}: ${setting}` },
      })),
    };
  } catch (e) {
    const err = e as { name?: string; message?: string };
    const item = nativeOfItem({ resourceType: 'AWS::Config::ConfigurationRecorder', resourceId: 'default', configuration: {} }, { accountId, region });
    if (item) {
      const cause = { inputs: ['config:DescribeConfigurationRecorders'], detail: `config:DescribeConfigurationRecorders failed in ${scope} (${err.name ?? 'Error'}); allow it to read the recorder` };
      for (const f of ['recordingGroup', 'recording']) item.attrs.fields[f] = unknown(cause, loc);
    }
    return {
      notScanned: [],
      resources: item ? [item] : [],
      errors: [callError(scope, 'config:DescribeConfigurationRecorders', `which resource types are recorded in ${scope} is not known`, e)],
    };
  }
}
