// Every built-in function by lower-case name (ARM function names are case-insensitive).
import { ARRAY_FUNCTIONS } from './array.js';
import { CIDR_FUNCTIONS } from './cidr.js';
import { COLLECTION_FUNCTIONS } from './collection.js';
import { CONVERSION_FUNCTIONS } from './conversion.js';
import { DEPLOYMENT_FUNCTIONS } from './deployment.js';
import { LAMBDA_FUNCTIONS } from './lambda.js';
import { LOGICAL_FUNCTIONS } from './logical.js';
import { NUMERIC_FUNCTIONS } from './numeric.js';
import { OBJECT_FUNCTIONS } from './object.js';
import { RESOURCE_FUNCTIONS } from './resource.js';
import { RUNTIME_FUNCTIONS } from './runtime.js';
import { STRING_FUNCTIONS } from './string.js';
import type { ArmFunction } from './types.js';

export const BUILTIN_FUNCTIONS: ReadonlyMap<string, ArmFunction> = new Map(
  Object.entries({
    ...ARRAY_FUNCTIONS,
    ...CIDR_FUNCTIONS,
    ...COLLECTION_FUNCTIONS,
    ...CONVERSION_FUNCTIONS,
    ...DEPLOYMENT_FUNCTIONS,
    ...LAMBDA_FUNCTIONS,
    ...LOGICAL_FUNCTIONS,
    ...NUMERIC_FUNCTIONS,
    ...OBJECT_FUNCTIONS,
    ...RESOURCE_FUNCTIONS,
    ...RUNTIME_FUNCTIONS,
    ...STRING_FUNCTIONS,
  }),
);
