import { isObj, type Obj } from '../isObj';
import type { ToolCall } from './types';

/** Keys of a wire tool call that the accumulator interprets; any other key is kept verbatim. */
const KNOWN_KEYS = new Set(['index', 'id', 'type', 'function', 'extra_content']);

interface Slot {
  index: number | undefined;
  id: string;
  name: string;
  args: string[];
  extraContent: unknown;
  extraKeys: Obj | undefined;
}

/** Makes an id for a call that arrived without a usable one. */
export type IdFactory = (n: number) => string;

const ID_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Default {@link IdFactory}: `call_` plus 24 random characters (ids must not look like `aio_` keys). */
export function randomCallId(): string {
  let s = 'call_';
  for (let i = 0; i < 24; i++) s += ID_CHARS[Math.floor(Math.random() * ID_CHARS.length)];
  return s;
}

const parses = (raw: string): boolean => {
  try {
    JSON.parse(raw);
    return true;
  } catch {
    return false; // incomplete so far
  }
};

/**
 * Merges streamed `delta.tool_calls` entries into complete calls (docs/api.md §5.2): by `index` when there
 * is one; else by a known id; else a delta naming a function starts a new call; argument-only and
 * metadata-only deltas go to the latest call. Calls are finished once, at the end of the stream.
 */
export class ToolCallAccumulator {
  private readonly slots: Slot[] = [];
  private readonly byIndex = new Map<number, Slot>();

  constructor(private readonly makeId: IdFactory = randomCallId) {}

  /** Adds one entry of `delta.tool_calls` (or of a non-streamed `message.tool_calls`). */
  push(d: unknown): void {
    if (!isObj(d)) return;
    const slot = this.slotFor(d);
    const fn = isObj(d.function) ? d.function : undefined;
    if (typeof d.id === 'string' && d.id !== '') slot.id = d.id;
    if (slot.name === '' && typeof fn?.name === 'string') slot.name = fn.name;
    if (typeof fn?.arguments === 'string' && fn.arguments !== '') slot.args.push(fn.arguments);
    else if (isObj(fn?.arguments)) slot.args.push(JSON.stringify(fn.arguments));
    if (d.extra_content !== undefined) slot.extraContent = d.extra_content;
    for (const k in d) {
      if (!KNOWN_KEYS.has(k)) (slot.extraKeys ??= {})[k] = d[k];
    }
  }

  private slotFor(d: Obj): Slot {
    if (typeof d.index === 'number') {
      const found = this.byIndex.get(d.index);
      if (found) return found;
      const slot = this.newSlot(d.index);
      this.byIndex.set(d.index, slot);
      return slot;
    }
    const fn = isObj(d.function) ? d.function : undefined;
    const name = typeof fn?.name === 'string' ? fn.name : '';
    const last = this.slots[this.slots.length - 1];
    if (typeof d.id === 'string' && d.id !== '') {
      const same = this.slots.find((s) => s.id === d.id);
      // A second, complete call reusing an id is a new call (its id is made unique at the end).
      if (same && (name === '' || !parses(same.args.join('')))) return same;
    }
    if (name !== '') {
      // Some relays repeat the name on every fragment of one call.
      if (last && last.name === name && !parses(last.args.join(''))) return last;
      return this.newSlot(undefined);
    }
    return last ?? this.newSlot(undefined);
  }

  private newSlot(index: number | undefined): Slot {
    const slot: Slot = { index, id: '', name: '', args: [], extraContent: undefined, extraKeys: undefined };
    this.slots.push(slot);
    return slot;
  }

  /**
   * Completes the calls: synthesizes ids that are missing or duplicated, parses the arguments,
   * and drops calls without a name (reported through `onDropped`).
   */
  finish(onDropped?: (raw: string) => void): ToolCall[] {
    const out: ToolCall[] = [];
    const used = new Set<string>();
    for (const s of this.slots) {
      const raw = s.args.join('');
      if (s.name === '') {
        onDropped?.(raw);
        continue;
      }
      let id = s.id;
      const synthesized = id === '' || used.has(id);
      if (synthesized) {
        do id = this.makeId(out.length);
        while (used.has(id) || this.slots.some((o) => o.id === id));
      }
      used.add(id);
      out.push(toToolCall(s, id, synthesized, raw));
    }
    return out;
  }
}

function toToolCall(s: Slot, id: string, idSynthesized: boolean, raw: string): ToolCall {
  const call: ToolCall = { id, idSynthesized, name: s.name, argumentsRaw: raw, arguments: undefined };
  if (raw.trim() === '') call.arguments = {};
  else {
    try {
      call.arguments = JSON.parse(raw);
    } catch (e) {
      call.argumentsError = e instanceof Error ? e.message : String(e);
    }
  }
  if (s.extraContent !== undefined) call.extraContent = s.extraContent;
  if (s.extraKeys !== undefined) call.extraKeys = s.extraKeys;
  return call;
}
