/**
 * Keeps Tab inside an open dialog: Tab on its last item goes to the first, Shift+Tab on its
 * first goes to the last; anywhere else the browser moves focus as usual. `items` are the
 * dialog's focusable elements in order (each dialog knows which those are).
 */
export function keepTabInside(e: { shiftKey: boolean; preventDefault(): void }, items: readonly HTMLElement[]): void {
  const first = items[0];
  const last = items[items.length - 1];
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last?.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first?.focus();
  }
}
