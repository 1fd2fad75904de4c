/**
 * Reads a CSV log as read-csv does, but on the file's bytes: records of the regular shape
 * (csv-bytes.ts) go to the sink as byte ranges, so that the ingest makes a string only for a value it
 * has not seen (log-rows.ts) or must keep (a timestamp). Whatever else the file holds is handed to
 * read-csv's parser, so that every reject, error and line number stays read-csv's: a record of
 * another shape (a wrong field count, a line of spaces) as its own text, and from the first record
 * whose end only read-csv can find (text after a closing quote, a record past 8 MiB), a NUL byte or
 * invalid UTF-8 on, the rest of the file. A header line with quotes, a CR inside or blank lines
 * before it also leaves the whole file to read-csv. Does not validate rows.
 */
import {isUtf8} from "node:buffer";
import {readSync} from "node:fs";
import {open, type FileHandle} from "node:fs/promises";
import {InputError} from "../errors.js";
import {FieldSpans, Scan, scanRecord} from "./csv-bytes.js";
import {describeFileError} from "./find-inputs.js";
import type {RawRecord, ReadOptions} from "./raw-record.js";
import {afterHeader, detectSeparator, parseCsvText, readCsv} from "./read-csv.js";
import {openSnapshot} from "./read-text.js";

/** Bytes read at once; a record longer than this grows the buffer up to MAX_RECORD_BYTES. */
const READ_BYTES = 1 << 20;
/** A record longer than this is read by read-csv (huge-record.ts reads past too long ones). */
const MAX_RECORD_BYTES = 8 << 20;

/** Where read-csv-bytes hands what it reads. */
export interface CsvRowSink {
  /** the header's names (the array the rows' records share), before any row */
  header(names: string[]): void;
  /** a record of the regular shape: its fields are in `bytes` (valid only during the call) */
  row(bytes: Buffer, fields: FieldSpans, line: number): void;
  /** records read-csv read */
  records(batch: RawRecord[]): void;
  /** after each read */
  flush(): void;
}

/** Reads `file` (from options.resume on, up to options.snapshot's size) into `sink`. */
export async function readCsvBytes(file: string, options: ReadOptions, sink: CsvRowSink): Promise<void> {
  const byReadCsv = async (from?: {start: number; line: number; header: string}) => {
    const resume = from ?? options.resume;
    for await (const batch of readCsv(file, {...options, resume, onHeader: from ? undefined : options.onHeader})) sink.records(batch);
    sink.flush();
  };
  const handle = await openFile(file, options).catch(() => undefined);
  if (handle === undefined) return byReadCsv(); // read-csv says why, as it always did
  try {
    await new ByteReader(file, handle, options, sink, byReadCsv).read();
  } finally {
    await handle.close();
  }
}

function openFile(file: string, options: ReadOptions): Promise<FileHandle> {
  return options.snapshot ? openSnapshot(options.snapshot) : open(file, "r");
}

type ReadCsvFrom = (from?: {start: number; line: number; header: string}) => Promise<void>;

/** One read of a file: its buffer, the header, where the next record starts in the file and its line. */
class ByteReader {
  #bytes: Buffer;
  #filled = 0;
  /** file offset of #bytes[0] */
  #offset: number;
  #line: number;
  #header = ""; // its text with its newline, as ResumePoint.header
  #fields: FieldSpans | undefined;
  #separator = 44;
  readonly #stop: number;

  constructor(
    readonly file: string,
    readonly handle: FileHandle,
    readonly options: ReadOptions,
    readonly sink: CsvRowSink,
    readonly byReadCsv: ReadCsvFrom,
  ) {
    this.#offset = options.resume?.start ?? 0;
    this.#line = options.resume?.line ?? 1;
    this.#stop = options.snapshot?.size ?? Number.POSITIVE_INFINITY;
    this.#bytes = Buffer.allocUnsafe(options.chunkBytes ?? READ_BYTES);
  }

  async read(): Promise<void> {
    let eof = await this.#fill();
    if (!this.#readHeader()) return this.byReadCsv();
    for (;;) {
      // (lastIndexOf counts a negative offset from the buffer's end)
      const end = eof || this.#filled === 0 ? this.#filled : this.#bytes.lastIndexOf(10, this.#filled - 1) + 1;
      if (!this.#valid(end)) return this.#rest(0);
      const at = await this.#records(end);
      if (at < 0) return; // read-csv read the rest
      this.options.onBytes?.(at);
      this.sink.flush();
      if (eof) return this.#lastLine(at);
      this.#bytes.copyWithin(0, at, this.#filled);
      this.#offset += at;
      this.#filled -= at;
      this.#validated -= at;
      if (this.#filled === this.#bytes.length) {
        if (this.#bytes.length >= MAX_RECORD_BYTES) return this.#rest(0);
        const bigger = Buffer.allocUnsafe(this.#bytes.length * 2);
        this.#bytes.copy(bigger, 0, 0, this.#filled);
        this.#bytes = bigger;
      }
      eof = await this.#fill();
    }
  }

  /** Reads the header (at the file's start, or resume.header): false when read-csv must read the file. */
  #readHeader(): boolean {
    const resume = this.options.resume;
    let text: string;
    let headerBytes = 0; // in the buffer: a BOM, the header line
    if (resume) {
      text = resume.header ?? "";
      if (!/^[^\r\n"]+\r?\n$/.test(text)) return false;
      this.#line--;
    } else {
      const bytes = this.#bytes.subarray(0, this.#filled);
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
      const lf = bytes.indexOf(10, bom);
      if (lf === -1 || !isUtf8(bytes.subarray(0, lf)) || bytes.subarray(0, lf).includes(0)) return false;
      text = bytes.toString("utf8", bom, lf + 1);
      headerBytes = lf + 1;
      if (!/^[^\r\n"]+\r?\n$/.test(text)) return false;
    }
    const line = text.replace(/\r?\n$/, "");
    const separator = detectSeparator(line);
    const names = line.split(separator);
    if (names.length < 2) return false; // e.g. a line of spaces, which read-csv skips
    this.options.onHeader?.(names, this.#line);
    this.sink.header(names);
    this.options.onBytes?.(headerBytes);
    this.#bytes.copyWithin(0, headerBytes, this.#filled);
    this.#offset += headerBytes;
    this.#filled -= headerBytes;
    this.#header = text;
    this.#separator = separator.charCodeAt(0);
    this.#fields = new FieldSpans(names.length);
    this.#line++;
    return true;
  }

  /** Hands the records in bytes [0, end) to the sink; returns where the first one left starts, or -1 when read-csv read the rest. */
  async #records(end: number): Promise<number> {
    const bytes = this.#bytes,
      fields = this.#fields!,
      separator = this.#separator;
    let at = 0;
    while (at < end) {
      const next = scanRecord(bytes, at, end, separator, fields);
      if (next === Scan.incomplete) break;
      if (next === Scan.unknownEnd) {
        this.options.onBytes?.(at);
        await this.#rest(at);
        return -1;
      }
      if (!fields.blank) {
        if (fields.regular) this.sink.row(bytes, fields, this.#line);
        else await this.#byText(bytes.toString("utf8", at, next));
      }
      this.#line += 1 + fields.newlines;
      at = next;
    }
    return at;
  }

  /** read-csv's records of `text`, records from #line on (the file's end, or whole records: the same to read-csv). */
  async #byText(text: string): Promise<void> {
    const chunks = afterHeader(this.#header, [text]);
    const resume = {start: 0, line: this.#line, header: this.#header};
    for await (const batch of parseCsvText(this.file, chunks, {resume})) this.sink.records(batch);
  }

  /** The text after the last newline: read-csv reads it as the file's end. */
  async #lastLine(at: number): Promise<void> {
    if (at < this.#filled) {
      await this.#byText(this.#bytes.toString("utf8", at, this.#filled));
      this.options.onBytes?.(this.#filled - at);
      this.sink.flush();
    }
  }

  /** read-csv reads the file from the record at `at` on. */
  #rest(at: number): Promise<void> {
    return this.byReadCsv({start: this.#offset + at, line: this.#line, header: this.#header});
  }

  /** False when bytes [0, end) hold a NUL byte or invalid UTF-8 (read-csv then says where). */
  #valid(end: number): boolean {
    const region = this.#bytes.subarray(this.#validated, end);
    this.#validated = end;
    return !region.includes(0) && isUtf8(region);
  }

  #validated = 0;

  /** Reads on into the buffer; true at the end of the file (or of its snapshot). */
  async #fill(): Promise<boolean> {
    while (this.#filled < this.#bytes.length) {
      const position = this.#offset + this.#filled;
      const length = Math.min(this.#bytes.length - this.#filled, this.#stop - position);
      if (length <= 0) return true;
      let bytesRead: number;
      try {
        // a synchronous read: on a loaded machine, each hop to libuv's thread pool and back waited
        // for a core (13-18 s against 4.8 CPU-s at 1M rows, load 15 on 2 cores); the event loop is
        // given its turn once per read below
        bytesRead = readSync(this.handle.fd, this.#bytes, this.#filled, length, position);
      } catch (error) {
        throw new InputError(`${this.file}: ${describeFileError(error)}`, {cause: error});
      }
      if (bytesRead === 0) {
        if (this.options.snapshot && position < this.#stop) {
          throw new InputError(`${this.file}: it was cut to ${position} bytes while the build read it (it had ${this.#stop}); run the build again`);
        }
        return true;
      }
      this.#filled += bytesRead;
    }
    await new Promise(setImmediate);
    return false;
  }
}
