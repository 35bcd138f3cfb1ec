/** A page element that must exist, typed by the caller; a missing id is a page bug, said loudly. */
export function elementById<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`web demo: the page has no element #${id}`);
  return el as T;
}
