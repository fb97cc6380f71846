/**
 * What the browser build shows when it has no valid access key: opened without `?token=` (a
 * bookmark, a typed address, a tab restored after the server restarted), or refused by the
 * server. It says which address to open instead of looking normal until the first click.
 */
export function NoAccess() {
  const origin = window.location.origin;
  return (
    <main className="no-access" aria-labelledby="no-access-title">
      <h1>Realist Workbench</h1>
      <section className="no-access-card">
        <h2 id="no-access-title">Open the address with its access key</h2>
        <p>
          For your files' safety, the app only answers the address it printed when it started, which carries a secret key. This page was opened without
          it, or with an old one.
        </p>
        <ol>
          <li>
            Go to the terminal where you started Realist Workbench with <code>npm start</code>, <code>npm run web</code> or <code>realist serve</code>.
          </li>
          <li>
            Open the address it printed. It looks like <code className="no-access-url">{origin}/?token=…</code>
          </li>
        </ol>
        <p className="muted">If that terminal is closed, start the app again: each start prints a new address, and the old one stops working.</p>
      </section>
    </main>
  );
}
