/**
 * Draws a log-mel [bins, frames] (row-major, bin 0 = lowest frequency) as a heat map with low
 * frequencies at the bottom, scaled between the mel's own min and max.
 */
export function drawMel(canvas: HTMLCanvasElement, mel: Float32Array, bins: number, frames: number): void {
  const g = canvas.getContext('2d');
  if (!g) return;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of mel) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const span = hi > lo ? hi - lo : 1;
  const image = g.createImageData(frames, bins);
  for (let b = 0; b < bins; b++) {
    for (let t = 0; t < frames; t++) {
      const u = (mel[b * frames + t]! - lo) / span;
      const at = ((bins - 1 - b) * frames + t) * 4;
      // A dark-blue → yellow ramp: easy to read, no colormap table needed.
      image.data[at] = Math.round(255 * Math.min(1, u * 1.6));
      image.data[at + 1] = Math.round(255 * u * u);
      image.data[at + 2] = Math.round(80 + 100 * (1 - u));
      image.data[at + 3] = 255;
    }
  }
  // Draw at the mel's own size, then let the browser scale it to the canvas.
  const tmp = document.createElement('canvas');
  tmp.width = frames;
  tmp.height = bins;
  tmp.getContext('2d')?.putImageData(image, 0, 0);
  g.imageSmoothingEnabled = false;
  g.drawImage(tmp, 0, 0, canvas.width, canvas.height);
}
