/**
 * Readers for JSON read from disk: each returns the value with its type, or throws {@link Invalid}
 * naming the path (`turns[3].status`) and what was expected.
 */
import { isObj, type Obj } from '../isObj';

/** A value of the wrong shape; the message names the path and what was expected. */
export class Invalid extends Error {}

export function fail(path: string, what: string): never {
  throw new Invalid(`${path}: expected ${what}`);
}
export function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) fail(path, 'an object');
  return v;
}
export function str(v: unknown, path: string): string {
  return typeof v === 'string' ? v : fail(path, 'a string');
}
export function num(v: unknown, path: string): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fail(path, 'a number');
}
export function bool(v: unknown, path: string): boolean {
  return typeof v === 'boolean' ? v : fail(path, 'a boolean');
}
export function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
  return (allowed as readonly unknown[]).includes(v) ? (v as T) : fail(path, allowed.join('|'));
}
export function arr<T>(v: unknown, path: string, item: (x: unknown, p: string) => T): T[] {
  if (!Array.isArray(v)) fail(path, 'an array');
  return v.map((x, i) => item(x, `${path}[${i}]`));
}
/** Reads an optional field: absent (or null) stays absent. */
export function opt<T>(o: Obj, key: string, path: string, read: (v: unknown, p: string) => T): T | undefined {
  const v = o[key];
  return v === undefined || v === null ? undefined : read(v, `${path}.${key}`);
}
/** Copies only the defined entries, so optional fields stay absent rather than `undefined`. */
export function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
