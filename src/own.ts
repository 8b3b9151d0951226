/**
 * Sets an own, enumerable property, also for the key `__proto__`, as JSON.parse does: plain assignment
 * would set the object's prototype instead (or do nothing, for a primitive value), and a column, a
 * parameter or a suite key may be named anything.
 */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}
