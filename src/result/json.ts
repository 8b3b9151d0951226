import type { ValidationResult } from './types.js';

/**
 * Serialises a validation result as JSON. Integers beyond 2^53 (bigint) are written as exact JSON
 * numbers; NaN and infinities, which JSON cannot hold, are written as null.
 */
export function resultToJson(result: ValidationResult | unknown, indent = 2): string {
  const nonce = Math.random().toString(36).slice(2, 10);
  const marker = `__ec_bigint_${nonce}__`;
  const text = JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? `${marker}${v}` : v), indent);
  return text.replace(new RegExp(`"${marker}(-?\\d+)"`, 'g'), '$1');
}
