/**
 * Draws samples in [-1, 1] as one vertical min–max bar per pixel column, so every peak stays
 * visible however many samples share a column.
 */
export function drawWaveform(canvas: HTMLCanvasElement, samples: Float32Array): void {
  const g = canvas.getContext('2d');
  if (!g) return;
  const { width, height } = canvas;
  g.fillStyle = '#0f172a';
  g.fillRect(0, 0, width, height);
  g.strokeStyle = '#334155';
  g.beginPath();
  g.moveTo(0, height / 2);
  g.lineTo(width, height / 2);
  g.stroke();
  g.fillStyle = '#38bdf8';
  const per = samples.length / width;
  for (let x = 0; x < width; x++) {
    let lo = 1;
    let hi = -1;
    const end = Math.min(samples.length, Math.ceil((x + 1) * per));
    for (let i = Math.floor(x * per); i < end; i++) {
      const s = Math.max(-1, Math.min(1, samples[i]!));
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
    if (hi < lo) continue;
    const top = ((1 - hi) / 2) * height;
    g.fillRect(x, top, 1, Math.max(1, ((hi - lo) / 2) * height));
  }
}
