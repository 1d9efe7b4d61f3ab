import { isSharedConstant } from "../core/sharedConstant.js";
import type { BufferPool } from "./bufferPool.js";
import { outcomeLine, type BatchOutcome } from "./evaluateRecord.js";
import { LineBuffer } from "./lineBuffer.js";

/** Key names remembered (a result has a dozen). */
const KEY_MEMO_LIMIT = 256;
/** The arrays of a result whose elements are written member by member, to reach the shared constants inside them. */
const WALKED = "suggestions";

/**
 * Writes outcome lines into a {@link LineBuffer}: the same bytes as {@link outcomeLine} and a
 * newline, but each shared constant in a result (see `sharedConstant`: the pack list, a rule's
 * evidence and PDDI information, the same in every result) is serialised and encoded once and
 * then copied as bytes. They are most of a result line (measured on the synthetic cohort: 2.3 of
 * 6.8 KiB for the pack list alone), and serialising them again for every patient was a fifth of
 * a batch's time.
 *
 * Only the result object and the members of its suggestions are walked here; every other value
 * is written by `JSON.stringify` or is a cached constant. A result that `JSON.stringify` would
 * treat specially (a `toJSON` method, a `record` member) is written by {@link outcomeLine}.
 */
export class OutcomeWriter {
  private readonly fragments = new WeakMap<object, Uint8Array>();
  private readonly keys = new Map<string, string>();
  private readonly encoder = new TextEncoder();
  /** Text of the current line not yet encoded. */
  private pending = "";

  constructor(private readonly out: LineBuffer = new LineBuffer()) {}

  /** The lines written so far, copied into a buffer from `pool` (see {@link LineBuffer.takeInto}); the writer is emptied. */
  takeInto<B extends ArrayBufferLike>(pool: BufferPool<B>): Uint8Array<B> {
    return this.out.takeInto(pool);
  }

  /** Appends the outcome's line and a newline. */
  write(o: BatchOutcome): void {
    const r = o.ok ? (o.result as unknown as Readonly<Record<string, unknown>>) : undefined;
    if (r === undefined || !plain(r) || Object.hasOwn(r, "record")) {
      this.out.appendLine(outcomeLine(o));
      return;
    }
    this.pending = `{"record":${JSON.stringify(o.record)}`;
    this.members(r, false);
    this.pending += "}";
    this.out.appendText(this.pending);
    this.pending = "";
    this.out.endLine();
  }

  /** An object's members as JSON, each preceded by a comma unless `first` (and nothing written yet). */
  private members(o: Readonly<Record<string, unknown>>, first: boolean): void {
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (typeof v === "object" && v !== null) {
        if (isSharedConstant(v)) {
          this.pending += (first ? "" : ",") + this.key(key);
          this.constant(v);
        } else if (key === WALKED && Array.isArray(v)) {
          this.pending += (first ? "" : ",") + this.key(key);
          this.walkArray(v);
        } else this.pending += (first ? "" : ",") + this.key(key) + JSON.stringify(v);
        first = false;
        continue;
      }
      const text = JSON.stringify(v) as string | undefined;
      // Undefined, a function or a symbol: JSON.stringify leaves the member out.
      if (text === undefined) continue;
      this.pending += (first ? "" : ",") + this.key(key) + text;
      first = false;
    }
  }

  /** An array whose plain-object elements are written member by member. */
  private walkArray(list: readonly unknown[]): void {
    this.pending += "[";
    for (let i = 0; i < list.length; i++) {
      if (i > 0) this.pending += ",";
      const e = list[i];
      if (typeof e === "object" && e !== null && !Array.isArray(e) && plain(e as object) && !isSharedConstant(e)) {
        this.pending += "{";
        this.members(e as Readonly<Record<string, unknown>>, true);
        this.pending += "}";
      } else if (typeof e === "object" && e !== null && isSharedConstant(e)) this.constant(e);
      else this.pending += (JSON.stringify(e) as string | undefined) ?? "null";
    }
    this.pending += "]";
  }

  /** A shared constant: the pending text encoded, then the constant's cached bytes. */
  private constant(v: object): void {
    let bytes = this.fragments.get(v);
    if (bytes === undefined) {
      bytes = this.encoder.encode(JSON.stringify(v));
      this.fragments.set(v, bytes);
    }
    this.out.appendText(this.pending);
    this.pending = "";
    this.out.appendRaw(bytes);
  }

  /** `"key":`, made once per key name. */
  private key(key: string): string {
    let text = this.keys.get(key);
    if (text === undefined) {
      text = `${JSON.stringify(key)}:`;
      if (this.keys.size < KEY_MEMO_LIMIT) this.keys.set(key, text);
    }
    return text;
  }
}

/** An object JSON.stringify writes member by member: no `toJSON` method. */
function plain(o: object): boolean {
  return typeof (o as { toJSON?: unknown }).toJSON !== "function";
}
