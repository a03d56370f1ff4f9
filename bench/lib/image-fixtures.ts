// A 1024×1024 PNG the size a diffusion model's output has (≈1.5 MB): a real PNG structure (signature, IHDR,
// IDAT, IEND with their CRCs) around incompressible bytes, so neither side can shortcut the copy.
import { createHash } from 'node:crypto';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function largePng(width = 1024, height = 1024, idatBytes = 1_500_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  // Deterministic noise: the same bytes every run.
  const noise = Buffer.alloc(idatBytes);
  let block = createHash('sha256').update('aipg-bench').digest();
  for (let i = 0; i < idatBytes; i += block.length) {
    block.copy(noise, i);
    block = createHash('sha256').update(block).digest();
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', noise),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
