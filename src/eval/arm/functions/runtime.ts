// Functions whose value kikan does not compute: hashes (uniqueString, guid),
// fresh values (newGuid, utcNow) and date arithmetic on them. Each is an
// unknown that names the call, so a name keeps it as its expression.
import { ArmEvalError } from '../values.js';
import { asString, deployTimeValue, strict, type ArmFunction } from './types.js';

export const RUNTIME_FUNCTIONS: Record<string, ArmFunction> = {
  uniquestring: deployTimeValue('uniqueString() is a hash of deployment values that kikan does not compute'),
  guid: deployTimeValue('guid() is a hash of deployment values that kikan does not compute'),
  newguid: deployTimeValue('newGuid() is a new value on every deployment'),
  utcnow: deployTimeValue('utcNow() is the time of deployment'),
  datetimeadd: deployTimeValue('date arithmetic is not evaluated by kikan'),
  datetimefromepoch: deployTimeValue('date arithmetic is not evaluated by kikan'),
  datetimetoepoch: deployTimeValue('date arithmetic is not evaluated by kikan'),
  fail: strict('fail', 1, 1, ([message]) => {
    throw new ArmEvalError(`the template fails the deployment: ${asString('fail', message)}`);
  }),
};
