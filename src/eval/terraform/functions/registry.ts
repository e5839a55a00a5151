// Every built-in function the evaluator knows, by name. Functions Terraform
// has but kikan does not compute yield unknown values that say so, rather
// than errors: the configuration is valid, only our evaluation stops there.
import { unknown } from '../../../readers/value.js';
import { collectionFunctions } from './collection.js';
import { encodingFunctions } from './encoding.js';
import { filesystemFunctions } from './filesystem.js';
import { formatFunctions } from './format.js';
import { hashFunctions } from './hash.js';
import { networkFunctions } from './network.js';
import { numericFunctions } from './numeric.js';
import { regexFunctions } from './regex.js';
import type { FunctionTable, TfFunction } from './registry-types.js';
import { setFunctions } from './sets.js';
import { stringFunctions } from './strings.js';
import { typeFunctions } from './typeconv.js';

const NOT_EVALUATED = ['formatdate', 'timeadd', 'timecmp', 'csvdecode', 'textencodebase64', 'textdecodebase64', 'templatestring', 'cidrcontains'];

function notEvaluated(name: string): TfFunction {
  return {
    min: 0,
    max: Infinity,
    handlesUnknown: true,
    call: (_, ctx) => unknown({ inputs: [`${ctx.text} (not evaluated by kikan)`], detail: `kikan does not evaluate the ${name} function` }, ctx.loc, ctx.text),
  };
}

export const FUNCTIONS: FunctionTable = Object.assign(
  Object.create(null) as FunctionTable,
  collectionFunctions,
  setFunctions,
  stringFunctions,
  formatFunctions,
  regexFunctions,
  numericFunctions,
  encodingFunctions,
  hashFunctions,
  networkFunctions,
  filesystemFunctions,
  typeFunctions,
  Object.fromEntries(NOT_EVALUATED.map((n) => [n, notEvaluated(n)])),
);
