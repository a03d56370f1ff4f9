/**
 * A tiny baseline JPEG encoder for the simulated image worker's `image/jpeg` slots (a /v1 request with
 * `output_format: jpeg`): one grey channel, each 8×8 block its mean grey (only the DC coefficient; every AC
 * coefficient is zero, so each block ends at once). Quantisation 1 and the standard DC luminance Huffman table
 * (ITU T.81 Annex K.3); the AC table holds only end-of-block. A whole, decodable file in pure TypeScript.
 */

/** ITU T.81 Table K.3: code counts by length 1..16, then the DC categories 0..11. */
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

/** Canonical Huffman codes (T.81 Annex C) for `bits` / `values`: value → [code, length]. */
function huffmanCodes(bits: number[], values: number[]): Map<number, [number, number]> {
  const codes = new Map<number, [number, number]>();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < bits[length - 1]!; i++) codes.set(values[k++]!, [code++, length]);
    code <<= 1;
  }
  return codes;
}

const DC_CODES = huffmanCodes(DC_BITS, DC_VALUES);

/** Writes bits most significant first, stuffing a 0x00 after every 0xFF byte (T.81 F.1.2.3). */
class BitWriter {
  readonly bytes: number[] = [];
  #acc = 0;
  #count = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.#acc = (this.#acc << 1) | ((value >> i) & 1);
      if (++this.#count === 8) this.#flushByte();
    }
  }

  /** Pads the last byte with 1 bits. */
  end(): void {
    if (this.#count > 0) this.write(0xff, 8 - this.#count);
  }

  #flushByte(): void {
    this.bytes.push(this.#acc);
    if (this.#acc === 0xff) this.bytes.push(0);
    this.#acc = 0;
    this.#count = 0;
  }
}

/** Encodes grey pixels (`width × height`, one byte each) as a baseline JPEG. */
export function encodeGreyJpeg(width: number, height: number, grey: Uint8Array): Uint8Array {
  const bw = Math.ceil(width / 8);
  const bh = Math.ceil(height / 8);
  const out = new BitWriter();
  let previous = 0;
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let sum = 0;
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          // Edge blocks repeat the last row and column, as encoders pad.
          const px = Math.min(width - 1, bx * 8 + x);
          const py = Math.min(height - 1, by * 8 + y);
          sum += grey[py * width + px]!;
        }
      }
      // With a quantiser of 1 the DC coefficient is 8 × (mean − 128).
      const dc = Math.round(sum / 8 - 1024);
      const diff = dc - previous;
      previous = dc;
      const magnitude = Math.abs(diff);
      const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
      const [code, length] = DC_CODES.get(category)!;
      out.write(code, length);
      // A negative difference is sent as its one's complement in `category` bits (T.81 F.1.2.1).
      if (category > 0) out.write(diff < 0 ? diff + (1 << category) - 1 : diff, category);
      out.write(0, 1); // end of block: the AC table's only code
    }
  }
  out.end();
  const segment = (marker: number, body: number[]) => [
    0xff,
    marker,
    (body.length + 2) >> 8,
    (body.length + 2) & 0xff,
    ...body,
  ];
  return Uint8Array.from([
    0xff,
    0xd8, // SOI
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), // APP0 JFIF 1.1
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]), // DQT: table 0, all ones
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]), // SOF0
    ...segment(0xc4, [0x00, ...DC_BITS, ...DC_VALUES]), // DHT: DC table 0
    ...segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0x00]), // DHT: AC table 0, only EOB
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]), // SOS
    ...out.bytes,
    0xff,
    0xd9, // EOI
  ]);
}
