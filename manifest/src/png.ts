import { crc32, deflateSync } from 'node:zlib';

/** An RGBA image: `data` holds width × height × 4 bytes, row by row. */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

/**
 * Encodes an image as a PNG: 8-bit RGBA (colour type 6) when `alpha`, else
 * 8-bit RGB (colour type 2) with the alpha channel dropped.
 */
export function encodePng(image: Rgba, options: { alpha: boolean }): Buffer {
  const { width, height, data } = image;
  const channels = options.alpha ? 4 : 3;
  const rows = Buffer.alloc(height * (1 + width * channels));
  let o = 0;
  for (let y = 0; y < height; y++) {
    rows[o++] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      for (let c = 0; c < channels; c++) rows[o++] = data[i + c] ?? 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = options.alpha ? 6 : 2;
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Width, height and colour type from a PNG's IHDR chunk; throws if `bytes` is not a PNG. */
export function pngHeader(bytes: Uint8Array): { width: number; height: number; bitDepth: number; colourType: number } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 33 || !b.subarray(0, 8).equals(SIGNATURE) || b.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), bitDepth: b[24] ?? 0, colourType: b[25] ?? 0 };
}
