// The contract between the Terraform reader (which knows modules, variables
// and resources) and the expression evaluator (which knows HCL syntax and
// functions). The reader implements TfScope; the evaluator calls it.
import type { SourceLoc, Value } from '../../readers/value.js';

export interface TfScope {
  /**
   * Resolve a top-level name of a traversal: `var`, `local`, `module`, `data`,
   * `count`, `each`, `path`, `terraform`, `self`, a resource type such as
   * `aws_vpc`, or an iterator introduced by the evaluator itself is NOT asked
   * here (the evaluator keeps for-expression symbols in its own frames).
   * Returns undefined when the name is not defined in this module.
   *
   * A resource type returns an object keyed by resource name; each resource is
   * an ObjectValue (or a list/object of them for count/for_each) whose
   * `refTarget` is set, so that reading an attribute the configuration does
   * not set yields a RefValue to that resource.
   */
  lookup(name: string): Value | undefined;
  /** Where the expression being evaluated sits; used for every produced value's loc. */
  readonly loc: SourceLoc;
  /**
   * Optional: the bytes of a file named by `file()`, `templatefile()`,
   * `filebase64()`…, with the path as the configuration wrote it (relative
   * to the working directory, usually built from `path.module`). Undefined
   * when it cannot be read; without the hook, such values stay unknown and
   * name the file.
   */
  readFile?(path: string): Uint8Array | undefined;
}
