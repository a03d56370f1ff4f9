/**
 * A tiny lossless WebP (VP8L) encoder for the simulated image worker's `image/webp` slots: a picture of one
 * colour. Each of the five prefix codes is a "simple" code of a single symbol, so it has length zero and every
 * pixel takes no bits at all (the WebP lossless bitstream specification, RFC 9649 §3.7.2.1.1). No transforms,
 * no colour cache; a whole, decodable file in a few dozen bytes.
 */

/** Writes bits least significant first, as VP8L reads them. */
class LsbWriter {
  readonly bytes: number[] = [];
  #acc = 0;
  #count = 0;

  write(value: number, length: number): void {
    for (let i = 0; i < length; i++) {
      this.#acc |= ((value >> i) & 1) << this.#count;
      if (++this.#count === 8) {
        this.bytes.push(this.#acc);
        this.#acc = 0;
        this.#count = 0;
      }
    }
  }

  end(): number[] {
    if (this.#count > 0) this.bytes.push(this.#acc);
    this.#count = 0;
    return this.bytes;
  }
}

/** A simple prefix code of the one symbol `symbol` (< 256): its length is zero. */
function singleSymbol(out: LsbWriter, symbol: number): void {
  out.write(1, 1); // simple code
  out.write(0, 1); // one symbol
  if (symbol < 2) {
    out.write(0, 1); // the symbol in 1 bit
    out.write(symbol, 1);
  } else {
    out.write(1, 1); // the symbol in 8 bits
    out.write(symbol, 8);
  }
}

/** Encodes a `width × height` picture of one opaque colour as a lossless WebP file. */
export function encodeSolidWebp(
  width: number,
  height: number,
  [r, g, b]: [number, number, number],
): Uint8Array {
  const bits = new LsbWriter();
  bits.write(0x2f, 8); // VP8L signature
  bits.write(width - 1, 14);
  bits.write(height - 1, 14);
  bits.write(0, 1); // alpha is not used
  bits.write(0, 3); // version 0
  bits.write(0, 1); // no transform
  bits.write(0, 1); // no colour cache
  bits.write(0, 1); // no meta prefix codes
  singleSymbol(bits, g); // green (and length prefixes: unused)
  singleSymbol(bits, r);
  singleSymbol(bits, b);
  singleSymbol(bits, 255); // alpha
  singleSymbol(bits, 0); // distance: unused
  const data = bits.end();
  const pad = data.length % 2;
  const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
  const ascii = (s: string) => Array.from(s, (ch) => ch.charCodeAt(0));
  return Uint8Array.from([
    ...ascii('RIFF'),
    ...le32(4 + 8 + data.length + pad),
    ...ascii('WEBP'),
    ...ascii('VP8L'),
    ...le32(data.length),
    ...data,
    ...(pad ? [0] : []),
  ]);
}
