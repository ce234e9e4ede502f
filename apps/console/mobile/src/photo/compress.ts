/**
 * A photo as the app keeps and sends it: scaled to at most 1600 px on its long edge, the stamp drawn on a
 * band at the bottom, JPEG at the highest quality (then the largest size) that stays within 500 KB with its
 * EXIF. Canvas code in the browser: no library needed for a resize and a quality loop.
 */
import { withExif, type PhotoFacts } from './exif';

export const MAX_EDGE_PX = 1600;
export const MAX_BYTES = 500 * 1024;
const QUALITIES = [0.86, 0.78, 0.7, 0.62, 0.54, 0.46];

export interface Processed {
  blob: Blob;
  width: number;
  height: number;
}

/** Width and height for a long edge of at most `maxEdge`, the aspect kept. */
export function fitWithin(width: number, height: number, maxEdge: number): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function drawStamp(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, width: number, height: number, lines: string[]): void {
  const size = Math.max(14, Math.round(Math.min(width, height) / 34));
  const lineHeight = Math.round(size * 1.35);
  const pad = Math.round(size * 0.6);
  const band = lines.length * lineHeight + pad * 2;
  ctx.fillStyle = 'rgba(0, 0, 0, 0.55)';
  ctx.fillRect(0, height - band, width, band);
  ctx.fillStyle = '#ffffff';
  ctx.textBaseline = 'top';
  ctx.font = `${size}px "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif`;
  lines.forEach((line, i) => {
    let text = line;
    while (text.length > 4 && ctx.measureText(text).width > width - pad * 2) text = `${text.slice(0, -2)}…`;
    ctx.fillText(text, pad, height - band + pad + i * lineHeight);
  });
}

async function encode(canvas: HTMLCanvasElement | OffscreenCanvas, quality: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('无法编码照片'))), 'image/jpeg', quality));
}

function makeCanvas(width: number, height: number): HTMLCanvasElement | OffscreenCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c;
}

/** Scales, stamps and compresses a photo; EXIF as given. Throws when the file is no image the browser reads. */
export async function processPhoto(file: Blob, lines: string[], facts: PhotoFacts): Promise<Processed> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new Error('无法读取该照片，请重新拍摄');
  }
  try {
    let edge = MAX_EDGE_PX;
    for (;;) {
      const { width, height } = fitWithin(bitmap.width, bitmap.height, edge);
      const canvas = makeCanvas(width, height);
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(bitmap, 0, 0, width, height);
      drawStamp(ctx, width, height, lines);
      for (const q of QUALITIES) {
        const blob = await withExif(await encode(canvas, q), facts);
        if (blob.size <= MAX_BYTES) return { blob, width, height };
      }
      // Even the lowest quality is too large (a photo of fine detail, or noise): a smaller picture.
      edge = Math.round(edge * 0.8);
      if (edge < 320) throw new Error('照片无法压缩到 500 KB 以内');
    }
  } finally {
    bitmap.close();
  }
}
