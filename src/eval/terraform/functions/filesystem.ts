// Functions that read files or depend on the machine. Files are read through
// the scope's optional readFile hook; without it, or when the file cannot be
// read, the value stays unknown and names the file.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Value } from '../../../readers/value.js';
import { known, unknown } from '../../../readers/value.js';
import { checkStringSize } from '../limits.js';
import { isUnknownish, unknownFrom } from '../unknowns.js';
import { argObject, argStr } from './args.js';
import { decodeUtf8 } from './encoding.js';
import type { CallContext, FunctionTable, TfFunction } from './registry-types.js';

function unreadable(path: string, ctx: CallContext): Value {
  const detail = ctx.scope.readFile ? `file ${path} could not be read` : `file ${path} is not read by this scan`;
  return unknown({ inputs: [`file ${path}`], detail }, ctx.loc, ctx.text);
}

/** The bytes of the file, or the unknown value to return instead. */
function read(path: string, ctx: CallContext): Uint8Array | Value {
  const bytes = ctx.scope.readFile?.(path);
  if (!bytes) return unreadable(path, ctx);
  checkStringSize(bytes.length, `file ${path}`);
  return bytes;
}

function fileFunction(transform: (bytes: Uint8Array, path: string) => string): TfFunction {
  return {
    min: 1,
    max: 1,
    call: (args, ctx) => {
      const path = argStr(args, 0);
      const bytes = read(path, ctx);
      return bytes instanceof Uint8Array ? known(transform(bytes, path), ctx.loc) : bytes;
    },
  };
}

function fileDigest(algorithm: string, encoding: 'hex' | 'base64'): TfFunction {
  return fileFunction((bytes) => createHash(algorithm).update(bytes).digest(encoding));
}

/** Go's filepath.Clean for slash-separated paths. */
function clean(p: string): string {
  if (p === '') return '.';
  const n = posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

export const filesystemFunctions: FunctionTable = {
  file: fileFunction((bytes, path) => decodeUtf8(bytes, `file ${path}`)),
  filebase64: fileFunction((bytes) => Buffer.from(bytes).toString('base64')),
  filemd5: fileDigest('md5', 'hex'),
  filesha1: fileDigest('sha1', 'hex'),
  filesha256: fileDigest('sha256', 'hex'),
  filesha512: fileDigest('sha512', 'hex'),
  filebase64sha256: fileDigest('sha256', 'base64'),
  filebase64sha512: fileDigest('sha512', 'base64'),
  fileexists: {
    min: 1,
    max: 1,
    call: (args, ctx) => {
      const path = argStr(args, 0);
      return ctx.scope.readFile?.(path) ? known(true, ctx.loc) : unreadable(path, ctx);
    },
  },
  fileset: {
    min: 2,
    max: 2,
    call: (args, ctx) => {
      const where = `${argStr(args, 0)}/${argStr(args, 1)}`;
      return unknown({ inputs: [`files ${where}`], detail: `the files matching ${where} are not listed by this scan` }, ctx.loc, ctx.text);
    },
  },
  templatefile: {
    min: 2,
    max: 2,
    handlesUnknown: true,
    call: (args, ctx) => {
      const u = args.filter(isUnknownish);
      if (u.length > 0) return unknownFrom(u, ctx.loc, ctx.text);
      const path = argStr(args, 0);
      const vars = argObject(args, 1);
      const bytes = read(path, ctx);
      if (!(bytes instanceof Uint8Array)) return bytes;
      return ctx.evaluateTemplate(decodeUtf8(bytes, `file ${path}`), vars);
    },
  },
  abspath: {
    min: 1,
    max: 1,
    call: (args, ctx) => {
      const path = argStr(args, 0);
      if (path.startsWith('/')) return known(clean(path), ctx.loc);
      return unknown({ inputs: [`${ctx.text} (working directory)`], detail: 'depends on the directory Terraform runs in' }, ctx.loc, ctx.text);
    },
  },
  basename: {
    min: 1,
    max: 1,
    call: (args, ctx) => {
      const path = argStr(args, 0);
      if (path === '') return known('.', ctx.loc);
      const trimmed = path.replace(/\/+$/, '');
      return known(trimmed === '' ? '/' : trimmed.slice(trimmed.lastIndexOf('/') + 1), ctx.loc);
    },
  },
  dirname: {
    min: 1,
    max: 1,
    call: (args, ctx) => {
      const path = argStr(args, 0);
      return known(clean(path.slice(0, path.lastIndexOf('/') + 1)), ctx.loc);
    },
  },
  pathexpand: {
    min: 1,
    max: 1,
    call: (args, ctx) => {
      const path = argStr(args, 0);
      if (!path.startsWith('~')) return known(path, ctx.loc);
      return unknown({ inputs: [`${ctx.text} (home directory)`], detail: "depends on the home directory of whoever runs Terraform" }, ctx.loc, ctx.text);
    },
  },
};

