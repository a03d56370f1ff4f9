/** Ids for requests, jobs, generations, workers and connections. */

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** Where the 32 hex digits go in `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`. */
const UUID_HEX_AT = Array.from({ length: 36 }, (_, i) => i).filter((i) => ![8, 13, 18, 23].includes(i));
const uuidCodes: number[] = Array.from({ length: 36 }, () => 45); // '-'

/**
 * A version-4-shaped UUID from `random` (4 draws of 32 bits). Built as one flat 36-char string:
 * `crypto.randomUUID()` strings cost ~490 bytes each on Node 20 (they keep a larger backing store),
 * which matters with 100,000 queued jobs. Not cryptographically strong; ids here only need to be
 * unique and UUID-shaped.
 */
export function uuid(random: () => number): string {
  let k = 0;
  for (let word = 0; word < 4; word++) {
    let bits = (random() * 0x1_0000_0000) >>> 0;
    for (let nibble = 0; nibble < 8; nibble++, bits >>>= 4)
      uuidCodes[UUID_HEX_AT[k++]!] = HEX_CODES[bits & 15]!;
  }
  uuidCodes[14] = 52; // version 4
  uuidCodes[19] = HEX_CODES[8 + ((random() * 4) | 0)]!; // RFC 4122 variant
  return String.fromCharCode.apply(null, uuidCodes);
}
