/**
 * Saves text made by the services (the agreement report as CSV or HTML) through the browser's
 * own download: the page never names a path, and the desktop app's download handling asks
 * where to save. A byte-order mark already at the start of the text is kept.
 */
export function downloadText(content: string, fileName: string, mime: string): void {
  const blob = new Blob([content], { type: `${mime};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
