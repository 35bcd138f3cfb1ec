import { elementById } from './element-by-id.js';
import { inspectCheckpoint, type Inspection } from './inspect-checkpoint.js';
import { showMessage } from './show-message.js';

const shape = (s: readonly number[]) => `[${s.join(', ')}]`;

/** The file's name with its extension replaced: `g_02500000.pt` → `g_02500000.folded.safetensors`. */
function foldedName(name: string): string {
  return `${name.replace(/\.(safetensors|pt|pth|bin|ckpt)$/i, '')}.folded.safetensors`;
}

/**
 * The inspector panel: a dropped (or chosen) checkpoint is read in the page, its weight-normed
 * layers listed as `weightnorm inspect` does, and folded to a safetensors download on request.
 */
export function setupInspectorPanel(): void {
  const zone = elementById<HTMLElement>('dropzone');
  const input = elementById<HTMLInputElement>('file-input');
  const summary = elementById<HTMLElement>('inspect-summary');
  const table = elementById<HTMLTableElement>('layers');
  const button = elementById<HTMLButtonElement>('fold-download');
  let current: Inspection | null = null;

  const show = async (file: File) => {
    table.hidden = true;
    button.hidden = true;
    current = null;
    showMessage(summary, 'info', `Reading ${file.name}…`);
    try {
      const c = inspectCheckpoint(file.name, new Uint8Array(await file.arrayBuffer()));
      current = c;
      const kind = c.format === 'pt' ? 'PyTorch zip checkpoint' : 'safetensors';
      const unpaired = c.unpaired.length ? `; g or v without its partner (left as is): ${c.unpaired.join(', ')}` : '';
      showMessage(
        summary,
        c.layers.length ? 'ok' : 'warn',
        `${file.name}: ${kind}, ${c.tensors} tensors, ${c.parameters.toLocaleString('en-US')} parameters, ${c.bytes.toLocaleString('en-US')} bytes — weight-normed layers: ${c.layers.length}${unpaired}`,
      );
      summary.dataset.layers = String(c.layers.length);
      const body = table.tBodies[0]!;
      body.replaceChildren(
        ...c.layers.map((l) => {
          const row = document.createElement('tr');
          for (const text of [l.weight, l.dim === null ? 'None' : String(l.dim), shape(l.g), shape(l.v), l.naming === 'legacy' ? '_g/_v' : 'parametrizations']) {
            const td = document.createElement('td');
            td.textContent = text;
            row.append(td);
          }
          return row;
        }),
      );
      table.hidden = c.layers.length === 0;
      button.hidden = c.layers.length === 0;
    } catch (e) {
      delete summary.dataset.layers;
      showMessage(summary, 'error', `${file.name} is not a checkpoint this page can read: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  button.addEventListener('click', () => {
    if (!current) return;
    try {
      const { bytes, pairs, lossy } = current.fold();
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
      a.download = foldedName(current.name);
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
      const note = lossy.length ? ` (weightnorm holds no 64-bit types; written as F32/I32: ${lossy.join(', ')})` : '';
      showMessage(summary, 'ok', `Folded ${pairs} weight-normed layers into ${a.download}, ${bytes.length.toLocaleString('en-US')} bytes${note}.`);
    } catch (e) {
      showMessage(summary, 'error', `Folding failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  });

  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void show(file);
  });
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const file = e.dataTransfer?.files[0];
    if (file) void show(file);
  });
}
