// How a failed AWS call is reported: the call (as the permission it needs),
// the SDK's error, and what the failure kept kikan from reading.
import type { ReadError } from '../../readers/native.js';

export function errorText(e: unknown): string {
  const err = e as { name?: string; message?: string };
  return `${err.name ?? 'Error'}: ${err.message ?? String(e)}`;
}

export function callError(scope: string, call: string, prevented: string, e: unknown): ReadError {
  return { file: scope, message: `${call} failed (${errorText(e)}); ${prevented}` };
}
