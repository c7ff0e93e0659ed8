/** A parsed JSON object: string keys, values not yet checked. */
export type Obj = Record<string, unknown>;

/** True for a non-null object that is not an array, such as a JSON object from `JSON.parse`. */
export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
