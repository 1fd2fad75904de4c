/**
 * A column's distinct values keyed by their UTF-8 bytes, so that a value read from a CSV file finds
 * its code without becoming a string: a million rows repeat a few hundred users and datasets, and
 * only a new one is decoded (log-rows.ts). Open addressing over typed arrays; the keys' bytes are
 * copied into one growing arena. Does not assign codes: it remembers those it is given.
 */

/** Bytes -> code, for values without `""` escapes (their bytes are their text's UTF-8). */
export class ByteDictionary {
  #slots = new Int32Array(256); // entry + 1, 0: empty
  #hash = new Int32Array(128);
  #code = new Int32Array(128);
  #keyStart = new Int32Array(128);
  #keyLength = new Int32Array(128);
  #arena = new Uint8Array(4096);
  #arenaLength = 0;
  #count = 0;
  #lastEntry = -1;

  /** The code of bytes [start, end), or -1 when they are not known. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const last = this.#lastEntry;
    // sorted logs repeat a value row after row
    if (last !== -1 && this.#keyLength[last] === length && this.#same(last, bytes, start, length)) return this.#code[last];
    const hash = hashBytes(bytes, start, end);
    const slots = this.#slots,
      mask = slots.length - 1;
    for (let i = hash & mask; slots[i] !== 0; i = (i + 1) & mask) {
      const entry = slots[i] - 1;
      if (this.#hash[entry] === hash && this.#keyLength[entry] === length && this.#same(entry, bytes, start, length)) {
        this.#lastEntry = entry;
        return this.#code[entry];
      }
    }
    return -1;
  }

  /** Remembers that bytes [start, end) are the value of code `code`. */
  add(bytes: Uint8Array, start: number, end: number, code: number): void {
    const length = end - start;
    if (this.#count === this.#code.length) this.#growEntries();
    if (2 * (this.#count + 1) > this.#slots.length) this.#rehash(this.#slots.length * 2);
    if (this.#arenaLength + length > this.#arena.length) {
      const arena = new Uint8Array(Math.max(this.#arena.length * 2, this.#arenaLength + length));
      arena.set(this.#arena.subarray(0, this.#arenaLength));
      this.#arena = arena;
    }
    this.#arena.set(bytes.subarray(start, end), this.#arenaLength);
    const entry = this.#count++;
    this.#hash[entry] = hashBytes(bytes, start, end);
    this.#code[entry] = code;
    this.#keyStart[entry] = this.#arenaLength;
    this.#keyLength[entry] = length;
    this.#arenaLength += length;
    this.#place(entry);
    this.#lastEntry = entry;
  }

  #same(entry: number, bytes: Uint8Array, start: number, length: number): boolean {
    const arena = this.#arena;
    const at = this.#keyStart[entry];
    for (let i = 0; i < length; i++) if (arena[at + i] !== bytes[start + i]) return false;
    return true;
  }

  #place(entry: number): void {
    const slots = this.#slots,
      mask = slots.length - 1;
    let i = this.#hash[entry] & mask;
    while (slots[i] !== 0) i = (i + 1) & mask;
    slots[i] = entry + 1;
  }

  #rehash(size: number): void {
    this.#slots = new Int32Array(size);
    for (let entry = 0; entry < this.#count; entry++) this.#place(entry);
  }

  #growEntries(): void {
    const grow = (array: Int32Array) => {
      const bigger = new Int32Array(array.length * 2);
      bigger.set(array);
      return bigger;
    };
    this.#hash = grow(this.#hash);
    this.#code = grow(this.#code);
    this.#keyStart = grow(this.#keyStart);
    this.#keyLength = grow(this.#keyLength);
  }
}

/** FNV-1a over bytes with murmur3's final mix. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 16777619);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
