// Turning evaluated values into strings (Fn::Sub, Fn::Join) and into the
// expression text shown for unknown parts: `kv-${AWS::StackName}` keeps the
// known parts and writes each unknown part the way the template wrote it.
import { known, unknown, type RefValue, type SourceLoc, type UnknownCause, type Value } from '../../readers/value.js';
import { AFTER_DEPLOY, cause, invalid, mergeCauses } from './unknown-causes.js';

/** Logical ID inside a resource key `${file}#${logicalId}`. */
export function logicalIdOfKey(key: string): string {
  return key.slice(key.lastIndexOf('#') + 1);
}

export function refExpr(r: RefValue): string {
  const id = logicalIdOfKey(r.target);
  return r.attribute === 'Ref' ? `\${${id}}` : `\${${id}.${r.attribute}}`;
}

/** Display text of any value, known parts literal and unknown parts as expressions. */
export function exprOf(v: Value): string {
  switch (v.kind) {
    case 'known':
      return v.value === null ? '' : String(v.value);
    case 'ref':
      return refExpr(v);
    case 'unknown':
      return v.expr ?? '${?}';
    case 'list':
      return `[${v.items.map(exprOf).join(', ')}]`;
    case 'object':
      return `{${Object.keys(v.fields).join(', ')}}`;
  }
}

/** Why a value (or something inside it) is not known; undefined when it is fully known. */
export function causeOf(v: Value): UnknownCause | undefined {
  switch (v.kind) {
    case 'known':
      return undefined;
    case 'ref': {
      const id = logicalIdOfKey(v.target);
      const what = v.attribute === 'Ref' ? `the Ref value of ${id}` : `${id}.${v.attribute}`;
      return cause([AFTER_DEPLOY], `${what} is known only after deployment`);
    }
    case 'unknown':
      return v.cause;
    case 'list':
    case 'object': {
      const parts = (v.kind === 'list' ? v.items : Object.values(v.fields))
        .map(causeOf)
        .filter((c): c is UnknownCause => c !== undefined);
      return parts.length > 0 ? mergeCauses(parts) : undefined;
    }
  }
}

/** A piece of a string being assembled: literal text or an evaluated value. */
export type StringPiece = string | { value: Value; expr?: string };

/**
 * Concatenate pieces. Fully known -> a known string. A single non-literal
 * piece stands for itself (`!Sub '${Vpc}'` is the Vpc reference). Otherwise
 * an unknown whose expr keeps the known text.
 */
export function assembleString(pieces: StringPiece[], loc: SourceLoc, what: string): Value {
  const nonEmpty = pieces.filter((p) => p !== '');
  if (nonEmpty.length === 1 && typeof nonEmpty[0] !== 'string') {
    const only = nonEmpty[0]!.value;
    if (only.kind === 'ref' || only.kind === 'unknown') return { ...only, loc };
  }
  let text = '';
  let allKnown = true;
  const causes: UnknownCause[] = [];
  for (const p of pieces) {
    if (typeof p === 'string') {
      text += p;
      continue;
    }
    const v = p.value;
    if (v.kind === 'known') {
      text += v.value === null ? '' : String(v.value);
    } else if (v.kind === 'ref' || v.kind === 'unknown') {
      allKnown = false;
      // A reference is written as its target, whatever the Sub variable was called.
      text += v.kind === 'unknown' ? (v.expr ?? p.expr ?? '${?}') : refExpr(v);
      causes.push(causeOf(v)!);
    } else {
      return unknown(invalid(`${what}: a ${v.kind} cannot be part of a string`), loc, exprOf(v));
    }
  }
  if (allKnown) return known(text, loc);
  return unknown(mergeCauses(causes), loc, text);
}
