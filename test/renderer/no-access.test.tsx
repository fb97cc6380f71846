/**
 * The browser build opened without its token used to look normal until the first click, then
 * said UNSUPPORTED and named `realist serve`. It now shows, at once, which address to open.
 */
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
afterEach(() => vi.unstubAllGlobals());

describe('the browser build without its access key', () => {
  it('says which address to open, and asks the server nothing', async () => {
    vi.resetModules();
    sessionStorage.clear();
    window.history.replaceState(null, '', '/');
    const fetchMock = vi.fn(async () => new Response('{}'));
    vi.stubGlobal('fetch', fetchMock);
    const { App } = await import('../../renderer/src/app');
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    await act(async () => root.render(<App />));
    expect(host.querySelector('h2')?.textContent).toBe('Open the address with its access key');
    expect(host.querySelector('.no-access-url')?.textContent).toBe(`${window.location.origin}/?token=…`);
    expect(host.textContent).toContain('npm start');
    expect(fetchMock).not.toHaveBeenCalled();
    act(() => root.unmount());
    host.remove();
    // Importing the whole app (pdf.js included) takes seconds on a busy machine.
  }, 30_000);
});
