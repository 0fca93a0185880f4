import { inflateSync } from 'node:zlib';

/** What a test needs to know about a PNG: size, colour type and its RGBA pixels. */
export interface DecodedPng {
  width: number;
  height: number;
  colourType: number;
  /** width × height × 4 bytes; opaque images get alpha 255. */
  rgba: Uint8Array;
}

/**
 * Reads IHDR and the pixels of an 8-bit RGB or RGBA PNG whose rows use
 * filter 0 (what manifest/src/png.ts writes). Throws on anything else, so a
 * test never passes on pixels it could not read.
 */
export function decodePng(bytes: Uint8Array): DecodedPng {
  const b = Buffer.from(bytes);
  if (b.readUInt32BE(0) !== 0x89504e47 || b.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  const bitDepth = b[24];
  const colourType = b[25] ?? -1;
  if (bitDepth !== 8 || (colourType !== 2 && colourType !== 6))
    throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colourType}`);
  const idat: Buffer[] = [];
  for (let at = 8; at < b.length;) {
    const length = b.readUInt32BE(at);
    if (b.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(b.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const channels = colourType === 6 ? 4 : 3;
  const stride = 1 + width * channels;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    if (raw[y * stride] !== 0) throw new Error(`row ${y} uses PNG filter ${raw[y * stride]}`);
    for (let x = 0; x < width; x++) {
      const from = y * stride + 1 + x * channels;
      const to = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) rgba[to + c] = raw[from + c] ?? 0;
      rgba[to + 3] = channels === 4 ? (raw[from + 3] ?? 0) : 255;
    }
  }
  return { width, height, colourType, rgba };
}
