/**
 * Typed arrays with room after them. The cache reads its columns into arrays a few percent longer
 * than their rows, so that an incremental build appends its new rows in place: no second array of a
 * million entries, and no copy of the first. Fresh memory is what costs here: the first touch of a
 * new megabyte took ~4.5 ms of page faults on the project's machine, so a copy costs more than the
 * bytes it moves.
 */
type Growable = Float64Array | Int32Array;

/** arrays made by withRoom that may still be grown in place (each once: the room is then theirs) */
const roomy = new WeakSet<Growable>();

/**
 * An array of `length` entries to fill, with room for `room` more. Its memory is not zeroed: zeroing
 * the ~100 MB of a million-row cache cost ~0.3 s of page faults on the main thread, while memory
 * left as it is gets its first touch from whatever fills it (the cache's reads, in libuv's threads).
 */
export function withRoom<T extends Growable>(
  kind: {new (buffer: ArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number},
  length: number,
  room: number,
): T {
  const array = new kind(Buffer.allocUnsafeSlow((length + room) * kind.BYTES_PER_ELEMENT).buffer as ArrayBuffer, 0, length);
  roomy.add(array);
  return array;
}

/** How much room to leave after `length` cached rows: ~3 %, at least 65,536 rows. */
export const roomFor = (length: number): number => Math.max(1 << 16, length >>> 5);

/**
 * `array` followed by `more` entries to fill: the same memory when `array` came from withRoom and
 * has the room (its first entries are then shared: `array` must not be grown again or written to),
 * else a copy. The new entries are zero in a copy, unspecified in place.
 */
export function grow<T extends Growable>(array: T, more: number): T {
  const length = array.length + more;
  if (roomy.has(array) && array.byteOffset === 0 && array.buffer.byteLength >= length * array.BYTES_PER_ELEMENT) {
    roomy.delete(array);
    return new (array.constructor as {new (buffer: ArrayBufferLike, offset: number, length: number): T})(array.buffer, 0, length);
  }
  const copy = new (array.constructor as {new (length: number): T})(length);
  copy.set(array);
  return copy;
}

/** `array` followed by `tail`. */
export function concat<T extends Growable>(array: T, tail: T): T {
  const grown = grow(array, tail.length);
  grown.set(tail, array.length);
  return grown;
}
