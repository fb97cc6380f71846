/**
 * Versions and hypotheses: the list of program theory versions, a new version (empty, from
 * the consensus CMOCs or a coder's, or a copy of another version to refine), and the chosen
 * version's CMOCs, where hypotheses are written directly, pasted (one if-then-because
 * statement a line), imported from a CSV (a malformed row is reported with its line, the rest
 * imported) or drafted from stakeholders' input; plus chains, shared mechanisms and themes.
 * Each step is one action: Ctrl+Z undoes it.
 */
import { useEffect, useState } from 'react';
import type { Coder } from '../../../../shared/coders/types';
import { ROLE_LABELS, type TheoryStage, type TheoryVersion, type TheoryVersionSummary } from '../../../../shared/theory/types';
import { api } from '../../api';

const MAX_FILE_BYTES = 2_000_000;

function NewVersion({ versions, onCreated }: { versions: TheoryVersionSummary[]; onCreated: (id: string) => void }) {
  const [label, setLabel] = useState('');
  const [stage, setStage] = useState<TheoryStage>(versions.length === 0 ? 'initial' : 'intermediate');
  const [from, setFrom] = useState('empty');
  const [coders, setCoders] = useState<Coder[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.result('coders:list', {}).then((r) => r.ok && setCoders(r.value));
  }, []);
  const create = async () => {
    const source = from === 'empty' ? { kind: 'empty' as const } : from.startsWith('layer:') ? { kind: 'layer' as const, layer: from.slice(6) } : { kind: 'version' as const, versionId: from.slice(8) };
    const r = await api.result('theory:create', { label, stage, from: source, parentId: versions.length ? versions[versions.length - 1]!.id : null });
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setLabel('');
    onCreated(r.value.id);
  };
  return (
    <form
      className="theory-form"
      aria-label="New version"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <h3>New version</h3>
      <label className="field">
        <span>Name</span>
        <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="initial, iteration 2, refined…" aria-label="Version name" />
      </label>
      <label className="field">
        <span>Stage</span>
        <select value={stage} onChange={(e) => setStage(e.target.value as TheoryStage)} aria-label="Stage">
          <option value="initial">Initial program theory</option>
          <option value="intermediate">Iteration</option>
          <option value="refined">Refined program theory</option>
        </select>
      </label>
      <label className="field">
        <span>Start from</span>
        <select value={from} onChange={(e) => setFrom(e.target.value)} aria-label="Start from">
          <option value="empty">Nothing (write or import hypotheses)</option>
          <option value="layer:consensus">The consensus CMOCs</option>
          {coders
            .filter((c) => c.kind === 'person')
            .map((c) => (
              <option key={c.id} value={`layer:${c.id}`}>
                {c.name}’s CMOCs
              </option>
            ))}
          {versions.map((v) => (
            <option key={v.id} value={`version:${v.id}`}>
              A copy of “{v.label}”
            </option>
          ))}
        </select>
      </label>
      <button className="primary" type="submit" disabled={!label.trim()}>
        Create version
      </button>
      {error && <div className="error">{error}</div>}
    </form>
  );
}

function AddHypotheses({ version, onChanged }: { version: TheoryVersion; onChanged: () => void }) {
  const [mode, setMode] = useState<'one' | 'paste' | 'csv'>('one');
  const [statement, setStatement] = useState('');
  const [label, setLabel] = useState('');
  const [origin, setOrigin] = useState<'hypothesised' | 'stakeholder'>('hypothesised');
  const [provenance, setProvenance] = useState('');
  const [report, setReport] = useState<{ ok: boolean; text: string; errors?: Array<{ line: number; message: string }> } | null>(null);

  const addOne = async () => {
    const r = await api.result('theory:addCmoc', { versionId: version.id, label, statement, origin, provenance });
    if (!r.ok) return setReport({ ok: false, text: r.error.message });
    setReport({ ok: true, text: `Added ${r.value.label}: ${r.value.parts.length} part${r.value.parts.length === 1 ? '' : 's'} read from the statement.` });
    setStatement('');
    setLabel('');
    onChanged();
  };
  const importText = async (format: 'lines' | 'csv', text: string) => {
    const r = await api.result('theory:import', { versionId: version.id, format, text, origin: origin === 'stakeholder' ? 'stakeholder' : format === 'csv' ? 'imported' : 'hypothesised', provenance });
    if (!r.ok) return setReport({ ok: false, text: r.error.message });
    setReport({ ok: r.value.errors.length === 0, text: `Imported ${r.value.imported} configuration${r.value.imported === 1 ? '' : 's'}${r.value.errors.length ? `; ${r.value.errors.length} row${r.value.errors.length === 1 ? '' : 's'} could not be read` : ''}.`, errors: r.value.errors });
    if (r.value.imported > 0) {
      setStatement('');
      onChanged();
    }
  };
  const onFile = (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return setReport({ ok: false, text: `${file.name} is larger than 2 MB; split it.` });
    void file.text().then((t) => importText('csv', t));
  };

  return (
    <section className="theory-form" aria-label="Add hypotheses">
      <h3>Add hypotheses to “{version.label}”</h3>
      <div className="tabs small" role="tablist">
        {(
          [
            ['one', 'Write one'],
            ['paste', 'Paste a list'],
            ['csv', 'Import CSV'],
          ] as const
        ).map(([m, text]) => (
          <button key={m} role="tab" aria-selected={mode === m} className={mode === m ? 'active' : ''} onClick={() => setMode(m)}>
            {text}
          </button>
        ))}
      </div>
      <div className="theory-form-row">
        <label className="field">
          <span>From</span>
          <select value={origin} onChange={(e) => setOrigin(e.target.value as 'hypothesised' | 'stakeholder')} aria-label="Origin">
            <option value="hypothesised">The review team (hypothesis)</option>
            <option value="stakeholder">Stakeholders’ input</option>
          </select>
        </label>
        <label className="field">
          <span>Source (who, where, when)</span>
          <input value={provenance} onChange={(e) => setProvenance(e.target.value)} placeholder="Workshop with nurses, March" aria-label="Source" />
        </label>
      </div>
      {mode === 'one' && (
        <>
          <label className="field">
            <span>Label</span>
            <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="H7" aria-label="Label" />
          </label>
          <label className="field">
            <span>If … then … because …</span>
            <textarea rows={3} value={statement} onChange={(e) => setStatement(e.target.value)} aria-label="Statement" placeholder="If patients have no family physician, then they use the emergency department less, because a reachable nurse makes them feel secure." />
          </label>
          <button className="primary" onClick={() => void addOne()} disabled={!statement.trim()}>
            Add
          </button>
        </>
      )}
      {mode === 'paste' && (
        <>
          <label className="field">
            <span>One statement a line</span>
            <textarea rows={6} value={statement} onChange={(e) => setStatement(e.target.value)} aria-label="Statements, one a line" />
          </label>
          <button className="primary" onClick={() => void importText('lines', statement)} disabled={!statement.trim()}>
            Import the lines
          </button>
        </>
      )}
      {mode === 'csv' && (
        <label className="field">
          <span>A CSV with a header row: statement, or context, mechanism (or resource and response), outcome; optional label and source</span>
          <input type="file" accept=".csv,.tsv,.txt,text/csv" aria-label="CSV file" onChange={(e) => onFile(e.target.files?.[0])} />
        </label>
      )}
      {report && (
        <div className={report.ok ? 'status' : 'error'} role="status">
          {report.text}
          {report.errors && report.errors.length > 0 && (
            <ul>
              {report.errors.slice(0, 20).map((e) => (
                <li key={`${e.line}-${e.message}`}>
                  Line {e.line}: {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function LinksAndThemes({ version, onChanged }: { version: TheoryVersion; onChanged: () => void }) {
  const [kind, setKind] = useState<'chain' | 'shared-mechanism'>('chain');
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [theme, setTheme] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const name = (id: string) => version.cmocs.find((c) => c.id === id)?.label ?? '?';
  const run = async (p: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const r = await p;
    if (!r.ok) return setError(r.error!.message);
    setError(null);
    onChanged();
  };
  return (
    <section className="theory-form" aria-label="Links and themes">
      <h3>Links and themes</h3>
      <ul className="plain">
        {version.links.map((l) => (
          <li key={l.id}>
            {l.kind === 'chain' ? `${name(l.fromCmocId)}’s outcome becomes ${name(l.toCmocId)}’s context` : `${name(l.fromCmocId)} and ${name(l.toCmocId)} share a mechanism`}{' '}
            <button className="link" onClick={() => void run(api.result('theory:unlink', { id: l.id }))}>
              remove
            </button>
          </li>
        ))}
        {version.groups.map((g) => (
          <li key={g.id}>
            {g.kind === 'middle-range' ? 'Middle-range theory' : 'Theme'} “{g.name}”: {g.cmocIds.map(name).join(', ')}{' '}
            <button className="link" onClick={() => void run(api.result('theory:deleteGroup', { id: g.id }))}>
              remove
            </button>
          </li>
        ))}
      </ul>
      <div className="theory-form-row">
        <select value={kind} onChange={(e) => setKind(e.target.value as 'chain' | 'shared-mechanism')} aria-label="Link kind">
          <option value="chain">Chain (outcome → context)</option>
          <option value="shared-mechanism">Shared mechanism</option>
        </select>
        <select value={a} onChange={(e) => setA(e.target.value)} aria-label="First configuration">
          <option value="">…</option>
          {version.cmocs.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <select value={b} onChange={(e) => setB(e.target.value)} aria-label="Second configuration">
          <option value="">…</option>
          {version.cmocs.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <button disabled={!a || !b} onClick={() => void run(api.result('theory:link', { versionId: version.id, kind, fromCmocId: a, toCmocId: b }))}>
          Link
        </button>
      </div>
      <div className="theory-form-row">
        <input value={theme} onChange={(e) => setTheme(e.target.value)} placeholder="Theme or middle-range theory" aria-label="Theme name" />
        <select multiple value={members} onChange={(e) => setMembers([...e.target.selectedOptions].map((o) => o.value))} aria-label="Theme members" size={3}>
          {version.cmocs.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <button disabled={!theme.trim() || members.length === 0} onClick={() => void run(api.result('theory:saveGroup', { versionId: version.id, kind: 'theme', name: theme, cmocIds: members }))}>
          Add theme
        </button>
      </div>
      {error && <div className="error">{error}</div>}
    </section>
  );
}

export function VersionsView({ versions, versionId, onVersion, reloadKey, onChanged }: { versions: TheoryVersionSummary[]; versionId: string | null; onVersion: (id: string) => void; reloadKey: number; onChanged: () => void }) {
  const [version, setVersion] = useState<TheoryVersion | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!versionId) return setVersion(null);
    void api.result('theory:get', { id: versionId }).then((r) => (r.ok ? setVersion(r.value) : setError(r.error.message)));
  }, [versionId, reloadKey]);
  const remove = async (id: string) => {
    const r = await api.result('theory:deleteCmoc', { id });
    if (!r.ok) return setError(r.error.message);
    onChanged();
  };
  return (
    <div className="theory-versions">
      <div className="theory-versions-list">
        <h3>Versions</h3>
        <ol className="plain version-list">
          {versions.map((v) => (
            <li key={v.id}>
              <button className={v.id === versionId ? 'active' : ''} onClick={() => onVersion(v.id)}>
                <b>{v.label}</b> <span className="muted">{v.stage === 'intermediate' ? 'iteration' : v.stage}</span>
                <span className="muted small">
                  {v.cmocCount} CMOCs · {v.basis === 'empty' ? 'written' : v.basis === 'layer:consensus' ? 'from consensus' : v.basis.startsWith('layer:') ? 'from a coder' : 'copied'}
                </span>
              </button>
            </li>
          ))}
        </ol>
        <NewVersion
          versions={versions}
          onCreated={(id) => {
            onVersion(id);
            onChanged();
          }}
        />
      </div>
      <div className="theory-versions-detail">
        {error && <div className="error">{error}</div>}
        {version && (
          <>
            <h3>
              “{version.label}”: {version.cmocs.length} configurations
            </h3>
            {version.notes && <p className="muted">{version.notes}</p>}
            <table className="grid compact theory-cmoc-table">
              <thead>
                <tr>
                  <th>Label</th>
                  <th>Statement and parts</th>
                  <th>From</th>
                  <th className="num">Evidence</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {version.cmocs.map((c) => (
                  <tr key={c.id}>
                    <td>{c.label}</td>
                    <td>
                      {c.statement}
                      <div className="parts">
                        {c.parts.map((p, i) => (
                          <span key={i} className={`part role-${p.role}`} title={ROLE_LABELS[p.role]}>
                            {p.text}
                          </span>
                        ))}
                      </div>
                    </td>
                    <td className="muted small">
                      {c.origin}
                      {c.provenance ? `: ${c.provenance}` : ''}
                    </td>
                    <td className="num">{c.evidence.supporting + c.evidence.refuting + c.evidence.refining || '—'}</td>
                    <td>
                      <button className="link" onClick={() => void remove(c.id)} aria-label={`Remove ${c.label}`}>
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <AddHypotheses version={version} onChanged={onChanged} />
            <LinksAndThemes version={version} onChanged={onChanged} />
          </>
        )}
      </div>
    </div>
  );
}
