/**
 * Lenient, typed reading of tool arguments. Models sometimes send numbers and booleans as strings
 * ("10", "true"); those are accepted. Anything else that does not fit is an error for the model.
 */
import { isObj, type Obj } from '../isObj';
import type { ParseResult } from './tool';

/** Reads fields of one arguments object, collecting the problems. */
export class ArgReader {
  private readonly obj: Obj;
  private readonly problems: string[] = [];

  constructor(args: unknown) {
    if (isObj(args)) this.obj = args;
    else {
      this.obj = {};
      const got = args === null ? 'null' : Array.isArray(args) ? 'an array' : typeof args;
      this.problems.push(`the arguments must be a JSON object, got ${got}`);
    }
  }

  /** A string field; missing is allowed unless `required`. Empty strings count as missing. */
  string(name: string, required: true): string;
  string(name: string, required?: false): string | undefined;
  string(name: string, required = false): string | undefined {
    const v = this.obj[name];
    if (v === undefined || v === null || v === '') {
      if (required) this.problems.push(`'${name}' is required (a string)`);
      return undefined;
    }
    if (typeof v !== 'string') {
      this.problems.push(`'${name}' must be a string, got ${typeof v}`);
      return undefined;
    }
    return v;
  }

  /** An integer field within [min, max]; values past `max` are clamped (the tool says so). */
  int(name: string, min: number, max: number): number | undefined {
    const v = this.obj[name];
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n)) {
      this.problems.push(`'${name}' must be an integer, got ${JSON.stringify(v)}`);
      return undefined;
    }
    if (n < min) {
      this.problems.push(`'${name}' must be at least ${min}, got ${n}`);
      return undefined;
    }
    return Math.min(n, max);
  }

  /** A boolean field (also "true"/"false"). */
  bool(name: string): boolean | undefined {
    const v = this.obj[name];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    this.problems.push(`'${name}' must be true or false, got ${JSON.stringify(v)}`);
    return undefined;
  }

  /** The raw value of a field (for checks that need the original). */
  raw(name: string): unknown {
    return this.obj[name];
  }

  /** Adds a problem found by the tool's own checks. */
  fail(problem: string): void {
    this.problems.push(problem);
  }

  /** The parse result: `value` when every field was fine. */
  result<I>(value: I): ParseResult<I> {
    if (this.problems.length > 0) return { ok: false, error: `invalid arguments: ${this.problems.join('; ')}.` };
    return { ok: true, value };
  }
}
