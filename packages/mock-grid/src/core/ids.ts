/** Ids for requests, jobs, generations, workers and connections: nobody can guess another account's. */

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** Where the 32 hex digits go in `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`. */
const UUID_HEX_AT = Array.from({ length: 36 }, (_, i) => i).filter((i) => ![8, 13, 18, 23].includes(i));
const uuidCodes: number[] = Array.from({ length: 36 }, () => 45); // '-'

/** Random words from Web Crypto (every runtime the core runs in has it), drawn 4 KiB at a time. */
const pool = new Uint32Array(1024);
let drawn = pool.length;

function randomWord(): number {
  if (drawn === pool.length) {
    globalThis.crypto.getRandomValues(pool);
    drawn = 0;
  }
  return pool[drawn++]!;
}

/**
 * A version-4 UUID from a cryptographic source: ids are capabilities here (a Horde request id is what its
 * status is read by), so `Math.random`, whose state can be recovered from a few ids, must not mint them.
 * Built as one flat 36-char string: `crypto.randomUUID()` strings cost ~490 bytes each on Node 20 (they keep a
 * larger backing store), which matters with 100,000 queued jobs.
 */
export function uuid(): string {
  let k = 0;
  let variant = 0;
  for (let word = 0; word < 4; word++) {
    let bits = randomWord();
    if (word === 3) variant = bits >>> 30; // two bits no hex digit below uses
    for (let nibble = 0; nibble < 8; nibble++, bits >>>= 4)
      uuidCodes[UUID_HEX_AT[k++]!] = HEX_CODES[bits & 15]!;
  }
  uuidCodes[14] = 52; // version 4
  uuidCodes[19] = HEX_CODES[8 + variant]!; // RFC 4122 variant
  return String.fromCharCode.apply(null, uuidCodes);
}
