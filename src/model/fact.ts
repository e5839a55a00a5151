// A fact of the cloud model: a value the lifter could establish, with where
// it was written, or the reason it could not.
import type { SourceLoc, UnknownCause } from '../readers/value.js';

export type Fact<T> = KnownFact<T> | UnknownFact;

export interface KnownFact<T> {
  known: true;
  value: T;
  /** Where the value was written; for a platform default, the resource's own location. */
  loc?: SourceLoc;
  /** Set when the value is the platform's default because the definition is silent. */
  defaulted?: boolean;
}

export interface UnknownFact {
  known: false;
  cause: UnknownCause;
  loc?: SourceLoc;
}

export function fact<T>(value: T, loc?: SourceLoc): KnownFact<T> {
  return loc ? { known: true, value, loc } : { known: true, value };
}

/** The platform default for an attribute the definition leaves out. */
export function defaulted<T>(value: T, loc?: SourceLoc): KnownFact<T> {
  return loc ? { known: true, value, loc, defaulted: true } : { known: true, value, defaulted: true };
}

export function unknownFact(cause: UnknownCause, loc?: SourceLoc): UnknownFact {
  return loc ? { known: false, cause, loc } : { known: false, cause };
}

export function mapFact<T, U>(f: Fact<T>, fn: (v: T) => U): Fact<U> {
  return f.known ? { ...f, value: fn(f.value) } : f;
}
