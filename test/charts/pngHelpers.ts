import { createCanvas, loadImage } from "@napi-rs/canvas";
import { expect } from "vitest";

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which must come first after the signature. */
export function ihdrSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Decodes the PNG with Skia and returns its pixels, proving the file is well-formed. */
export async function decode(png: Buffer): Promise<{ width: number; height: number; pixel: (x: number, y: number) => number[] }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, 0, image.width, image.height).data;
  const pixel = (x: number, y: number) => Array.from(data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4));
  return { width: image.width, height: image.height, pixel };
}
