/**
 * Reads past a CSV record too long to hold a valid row (some field must be over 1 MiB), piece by
 * piece, without keeping it: a state machine with papaparse's quoting rules (see quote-scan) finds
 * where the record ends, counts its newlines, and keeps only each field's first 1 KiB and length,
 * for the reject. Handing such a record to papaparse cost 1.5 GB for a 50 MB field of doubled
 * quotes. Does not read the rows after it.
 */
import {detached, REPORTED_VALUE_CHARS, type RawRecord} from "./raw-record.js";
import {MAX_FIELD_CHARS} from "./accept-row.js";

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  AfterClose,
  Malformed,
}

const SPACE = /\s/;

/** A record being skipped; feed it text until it says where the record ended. */
export class HugeRecord {
  #state = State.FieldStart;
  #carry = ""; // a CR that may start a CRLF
  #kept: string[] = [""];
  #lengths: number[] = [0];
  #malformedField = 0; // 1-based, 0 when none
  /** newlines read so far in the record, its own included */
  newlines = 0;
  /** set when the input ended inside a quoted field */
  unclosed = false;

  constructor(
    readonly line: number,
    readonly header: string[],
    readonly separator: string,
    readonly newline: "\n" | "\r\n",
  ) {}

  /** Reads `input` on; returns the text after the record's end, or undefined when it goes on. */
  feed(input: string, final: boolean): string | undefined {
    const text = this.#carry + input;
    this.#carry = "";
    let end = this.#read(text, final); // index just after the record, or -1
    if (end === -1 && !final && this.newline === "\r\n" && text.endsWith("\r") && this.#state !== State.Quoted) {
      this.#carry = "\r"; // #read left it for the next piece
    }
    if (end === -1 && final) {
      this.unclosed = this.#state === State.Quoted;
      end = text.length;
    }
    this.newlines += countNewlines(text, end === -1 ? text.length - this.#carry.length : end);
    return end === -1 ? undefined : text.slice(end);
  }

  /** The rejected record, its values cut to 1 KiB. */
  record(): RawRecord {
    const values = this.#kept.map((kept, i) => cut(kept, this.#lengths[i]));
    const names = this.header.slice(0, values.length);
    for (let i = this.header.length; i < values.length; i++) names.push(`#${i + 1}`);
    const record = {line: this.line, names, values};
    if (this.#malformedField > 0) {
      return {...record, problem: `field ${this.#malformedField} ("${names[this.#malformedField - 1]}"): text after the closing quote`};
    }
    if (values.length !== this.header.length) {
      return {...record, problem: `row has ${values.length} fields, the header has ${this.header.length}`};
    }
    const huge = this.#lengths.findIndex((length) => length > MAX_FIELD_CHARS);
    const why = huge === -1 ? "is larger than the header's fields allow" : `field "${names[huge]}" is larger than 1 MiB (${this.#lengths[huge]} characters)`;
    return {...record, problem: huge === -1 ? `the record ${why}` : why};
  }

  #append(text: string, from: number, to: number): void {
    const field = this.#kept.length - 1;
    this.#lengths[field] += to - from;
    const room = REPORTED_VALUE_CHARS + 1 - this.#kept[field].length;
    if (room > 0) this.#kept[field] += text.slice(from, Math.min(to, from + room));
  }

  /** Index just after the record's newline in `text`, or -1 when the record goes on past it. */
  #read(text: string, final: boolean): number {
    const {separator, newline} = this;
    const crlfPending = (i: number) => newline === "\r\n" && i === text.length - 1 && text[i] === "\r" && !final;
    let i = 0;
    let nextNewline = text.indexOf(newline);
    let nextSeparator = text.indexOf(separator);
    while (i < text.length) {
      switch (this.#state) {
        case State.FieldStart:
          if (text[i] === '"') (i++, (this.#state = State.Quoted));
          else this.#state = State.Unquoted;
          break;
        case State.Unquoted:
        case State.Malformed: {
          // both searches are kept until passed: a record of many short fields stays linear
          if (nextNewline !== -1 && nextNewline < i) nextNewline = text.indexOf(newline, i);
          if (nextSeparator !== -1 && nextSeparator < i) nextSeparator = text.indexOf(separator, i);
          let stop = this.#state === State.Unquoted ? nextSeparator : -1;
          if (stop === -1 || (nextNewline !== -1 && nextNewline < stop)) stop = nextNewline;
          const to = stop !== -1 ? stop : crlfPending(text.length - 1) ? text.length - 1 : text.length;
          this.#append(text, i, to);
          if (stop === -1) return -1;
          if (stop === nextNewline) return stop + newline.length;
          this.#newField();
          i = stop + 1;
          break;
        }
        case State.Quoted: {
          const quote = text.indexOf('"', i);
          this.#append(text, i, quote === -1 ? text.length : quote);
          if (quote === -1) return -1;
          i = quote + 1;
          this.#state = State.QuoteInQuoted;
          break;
        }
        case State.QuoteInQuoted:
          if (text[i] === '"') (this.#append(text, i, i + 1), i++, (this.#state = State.Quoted));
          else this.#state = State.AfterClose;
          break;
        case State.AfterClose:
          if (text[i] === separator) (this.#newField(), i++);
          else if (text.startsWith(newline, i)) return i + newline.length;
          else if (crlfPending(i)) return -1;
          else if (SPACE.test(text[i])) i++;
          else ((this.#malformedField ||= this.#kept.length), (this.#state = State.Malformed));
          break;
      }
    }
    return -1;
  }

  #newField(): void {
    this.#kept.push("");
    this.#lengths.push(0);
    this.#state = State.FieldStart;
  }
}

/** The kept start of a value, marked as cut within 1 KiB, e.g. "abc… [cut: 52428800 characters]". */
function cut(kept: string, length: number): string {
  if (length <= REPORTED_VALUE_CHARS) return detached(kept);
  const mark = `… [cut: ${length} characters]`;
  return detached(kept.slice(0, REPORTED_VALUE_CHARS - mark.length) + mark);
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) count++;
  return count;
}
