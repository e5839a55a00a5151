// Finds and reads the policy file: `--config`, else `kikan.yaml` at the scan root.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../cli/usage-error.js';
import type { Policy } from './types.js';
import { defaultPolicy } from './types.js';

export function loadPolicyFor(root: string, configFlag: string | undefined): Policy {
  const file = configFlag ? path.resolve(configFlag) : path.join(root, 'kikan.yaml');
  if (configFlag && !existsSync(file)) throw new UsageError(`--config: file not found: ${configFlag}`, '--config');
  if (!existsSync(file)) return defaultPolicy();
  throw new UsageError(`${file}: policy files are not supported yet`, '--config');
}
