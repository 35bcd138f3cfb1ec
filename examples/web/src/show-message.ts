export type MessageKind = 'info' | 'ok' | 'warn' | 'error';

/** Sets a message line's text and colour (its data-kind picks the style). */
export function showMessage(el: HTMLElement, kind: MessageKind, text: string): void {
  el.hidden = false;
  el.dataset.kind = kind;
  el.textContent = text;
}
