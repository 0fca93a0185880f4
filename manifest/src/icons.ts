import { encodePng, type Rgba } from './png.js';

/** NHS Blue, the app's accent colour and the colour icon's background. */
const ACCENT = '#005EB8';

type Shape = (x: number, y: number) => boolean;

const bar =
  (left: number, top: number, width: number, bottom: number): Shape =>
  (x, y) =>
    x >= left && x <= left + width && y >= top && y <= bottom;

function stroke(points: [number, number][], width: number): Shape {
  const r2 = (width / 2) ** 2;
  return (x, y) =>
    points.slice(1).some(([bx, by], i) => {
      const [ax, ay] = points[i] ?? [bx, by];
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= r2;
    });
}

// The mark, in a unit square: a rising three-bar chart and a check mark.
const MARK: Shape[] = [
  bar(0.16, 0.62, 0.11, 0.82),
  bar(0.32, 0.5, 0.11, 0.82),
  bar(0.48, 0.38, 0.11, 0.82),
  stroke(
    [
      [0.56, 0.24],
      [0.66, 0.34],
      [0.86, 0.12],
    ],
    0.085,
  ),
];

// The mark's own centre, so that a scaled mark stays centred in the icon.
const CENTRE = { x: 0.51, y: 0.47 };

/** Fraction (0–1) of a pixel covered by the mark drawn at `scale`, sampled on a 4×4 grid. */
function coverage(px: number, py: number, size: number, scale: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const x = CENTRE.x + ((px + (sx + 0.5) / 4) / size - 0.5) / scale;
      const y = CENTRE.y + ((py + (sy + 0.5) / 4) / size - 0.5) / scale;
      if (MARK.some((inside) => inside(x, y))) hits++;
    }
  }
  return hits / 16;
}

function draw(size: number, scale: number, pixel: (cover: number) => [number, number, number, number]): Rgba {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) data.set(pixel(coverage(x, y, size, scale)), (y * size + x) * 4);
  }
  return { width: size, height: size, data };
}

const hex = (c: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];

/** The 192×192 colour icon: the white mark on NHS Blue, opaque RGB. */
export function colourIcon(): Buffer {
  const bg = hex(ACCENT);
  const mix = (c: number, i: number) => Math.round(bg[i]! + (255 - bg[i]!) * c);
  return encodePng(
    draw(192, 0.7, (c) => [mix(c, 0), mix(c, 1), mix(c, 2), 255]),
    { alpha: false },
  );
}

/** The 32×32 outline icon: the mark in white on a transparent background, RGBA. */
export function outlineIcon(): Buffer {
  return encodePng(
    draw(32, 1, (c) => [255, 255, 255, Math.round(c * 255)]),
    { alpha: true },
  );
}
