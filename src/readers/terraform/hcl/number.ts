// Number literals the way go-cty reads and prints them: cty.ParseNumberVal is
// big.ParseFloat(s, 10, 512), hcl2json writes numbers with Text('f', -1) and
// JS then reads that text back as a double. A literal with up to ~150
// significant digits prints as its own normalized decimal digits, which is
// what goDecimalText rebuilds without big-number arithmetic.

const LITERAL = /^(\d+)(?:\.(\d*))?(?:[eE]([+-]?)(\d+))?$/;
const INT64_MAX = '9223372036854775807';
const INT32_MAX = 2147483647;
/** Above 10^this, big.Float's int32 binary exponent overflows to infinity. */
const MAX_DECIMAL_MAGNITUDE = 646456993;
/** Refuse to spell out numbers longer than this (hcl2json would, slowly). */
const MAX_TEXT_LENGTH = 100_000;

interface Decimal {
  /** Significant digits, no leading or trailing zeros; '' for zero. */
  digits: string;
  /** value = 0.digits × 10^pointPos */
  pointPos: number;
}

function decimalOf(raw: string): Decimal | undefined {
  const m = LITERAL.exec(raw);
  if (!m) return undefined;
  const fraction = m[2] ?? '';
  const expDigits = (m[4] ?? '0').replace(/^0+(?=\d)/, '');
  // The exponent must fit an int64 (-2^63 included).
  const limit = m[3] === '-' ? '9223372036854775808' : INT64_MAX;
  if (expDigits.length > limit.length || (expDigits.length === limit.length && expDigits > limit)) return undefined;
  const exp = (m[3] === '-' ? -1 : 1) * Number(expDigits);
  const all = m[1]! + fraction;
  let lead = 0;
  while (lead < all.length && all.charCodeAt(lead) === 0x30) lead++;
  let trail = all.length;
  while (trail > lead && all.charCodeAt(trail - 1) === 0x30) trail--;
  if (lead === trail) return { digits: '', pointPos: 0 };
  const significant = all.length - lead;
  // big.Float's binary exponent: bit length of the mantissa integer, minus the
  // fraction digits, plus the decimal exponent, must fit an int32.
  const exp2 = Math.ceil(significant * Math.log2(10)) - fraction.length + exp;
  if (exp2 > INT32_MAX || exp2 < -INT32_MAX - 1) return undefined;
  return { digits: all.slice(lead, trail), pointPos: significant - fraction.length + exp };
}

/** Plain digits, the usual case, need no closer look. */
function isShortInteger(raw: string): boolean {
  if (raw.length > 15) return false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Whether big.ParseFloat accepts the text of a number token. */
export function isValidNumberLiteral(raw: string): boolean {
  return isShortInteger(raw) || decimalOf(raw) !== undefined;
}

/** Too large for go-cty to print: hcl2json fails with "cannot serialize infinity". */
export function isInfiniteForGo(raw: string): boolean {
  if (!raw.includes('e') && !raw.includes('E')) return false; // would need 646 million digits
  const d = decimalOf(raw);
  return d !== undefined && d.digits !== '' && d.pointPos > MAX_DECIMAL_MAGNITUDE;
}

/**
 * Text('f', -1) of a valid non-negative literal, as cty converts a number to a
 * string; undefined when it would be absurdly long.
 */
export function goDecimalText(raw: string): string | undefined {
  const d = decimalOf(raw)!;
  if (d.digits === '') return '0';
  const { digits, pointPos } = d;
  if (pointPos > MAX_TEXT_LENGTH || -pointPos > MAX_TEXT_LENGTH) return undefined;
  if (pointPos <= 0) return '0.' + '0'.repeat(-pointPos) + digits;
  if (pointPos >= digits.length) return digits + '0'.repeat(pointPos - digits.length);
  return digits.slice(0, pointPos) + '.' + digits.slice(pointPos);
}
