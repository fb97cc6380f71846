/**
 * The CMOC builder (new or edit): contexts, mechanisms (resource, response) and outcomes are
 * picked with the code picker (a slot's button, or the digits 1-4 in the builder), the
 * if-then-because statement is drafted from the chosen codes by the shared generator and stays
 * editable (once edited, it is no longer redrafted), and evidence is linked from passages coded
 * with the chosen codes, each with its role and a note.
 *
 * Saving applies one rule, by button or by Ctrl+Enter (shared/coding/cmoc-rules.ts): a
 * complete CMOC has a context, a mechanism, an outcome and a non-blank statement; otherwise
 * nothing is saved, the builder says what is missing and the focus goes to the first missing
 * slot. "Save as draft" (Ctrl+Shift+Enter) keeps an incomplete CMOC explicitly as a draft. A
 * CMOC with the same codes as another of the same layer is flagged before saving.
 */
import { chordLabel, keys, matches } from '../../keymap';
import { useEffect, useMemo, useRef, useState } from 'react';
import { generateStatement } from '../../../../shared/coding/statement';
import { CMO_SLOTS, EVIDENCE_ROLES, type CmocDetail, type CmoSlot, type CodeKind, type CodeSummary, type EvidenceRole, type ExcerptWithSource } from '../../../../shared/coding/types';
import { api } from '../../api';
import { configurationKey, describeMissing, missingParts, type CmocPart } from '../../../../shared/coding/cmoc-rules';
import type { CmocSummary } from '../../../../shared/coding/types';
import { LIMITS, plainError } from '../../plain-errors';
import { CodePicker } from '../../components/code-picker';
import { CodeChip, pageLabel } from './chips';
import { codeColor } from './use-coding';

const SLOT_TITLES: Record<CmoSlot, string> = {
  context: 'Contexts',
  'mechanism-resource': 'Mechanism: resources',
  'mechanism-response': 'Mechanism: responses',
  outcome: 'Outcomes',
};

interface EvidenceDraft {
  excerptId: string;
  role: EvidenceRole;
  note: string;
  /** Set for links that already exist (edit). */
  linkId?: string;
}

export function CmocBuilder({
  codes,
  kinds,
  editing,
  existing = [],
  onCreateCode,
  onDone,
  onCancel,
}: {
  codes: CodeSummary[];
  kinds: CodeKind[];
  editing: CmocDetail | null;
  /** The project's CMOCs, to flag one with the same codes in the same layer. */
  existing?: CmocSummary[];
  onCreateCode: (name: string, kind: string) => Promise<string | null>;
  onDone: (id: string, message: string) => void;
  onCancel: () => void;
}) {
  const [slots, setSlots] = useState<Record<CmoSlot, string[]>>(() => {
    const s: Record<CmoSlot, string[]> = { context: [], 'mechanism-resource': [], 'mechanism-response': [], outcome: [] };
    for (const c of editing?.codes ?? []) if ((CMO_SLOTS as readonly string[]).includes(c.role)) s[c.role as CmoSlot].push(c.codeId);
    return s;
  });
  const [label, setLabel] = useState(editing?.label ?? '');
  const [statement, setStatement] = useState(editing?.statement ?? '');
  const [edited, setEdited] = useState(Boolean(editing));
  const [picking, setPicking] = useState<CmoSlot | null>(null);
  const [candidates, setCandidates] = useState<ExcerptWithSource[]>([]);
  const [evidence, setEvidence] = useState<EvidenceDraft[]>(() => (editing?.evidence ?? []).map((e) => ({ excerptId: e.excerptId, role: e.role, note: e.note ?? '', linkId: e.linkId })));
  const [error, setError] = useState<string | null>(null);
  const [missingNow, setMissingNow] = useState<CmocPart[]>([]);
  const [busy, setBusy] = useState(false);
  const [layerId, setLayerId] = useState<string | null>(editing?.coderId ?? null);
  useEffect(() => {
    if (editing) return;
    void api.result('session:get', {}).then((r) => r.ok && setLayerId(r.value.layerCoderId));
  }, [editing]);
  const statementBox = useRef<HTMLTextAreaElement>(null);

  const nameOf = (id: string) => codes.find((c) => c.id === id)?.name ?? '?';
  const draft = generateStatement({
    contexts: slots.context.map(nameOf),
    resources: slots['mechanism-resource'].map(nameOf),
    responses: slots['mechanism-response'].map(nameOf),
    outcomes: slots.outcome.map(nameOf),
  });
  const shown = edited ? statement : draft;
  const chosen = useMemo(() => CMO_SLOTS.flatMap((s) => slots[s]), [slots]);

  // Passages coded with any chosen code, each once, those coded with more chosen codes first.
  useEffect(() => {
    let alive = true;
    void Promise.all(chosen.map((codeId) => api.result('codes:excerpts', { codeId }))).then((rs) => {
      if (!alive) return;
      const hits = new Map<string, { e: ExcerptWithSource; n: number }>();
      for (const r of rs) if (r.ok) for (const e of r.value) hits.set(e.excerptId, { e, n: (hits.get(e.excerptId)?.n ?? 0) + 1 });
      setCandidates([...hits.values()].sort((a, b) => b.n - a.n || a.e.citation.localeCompare(b.e.citation)).map((h) => h.e));
    });
    return () => {
      alive = false;
    };
  }, [chosen]);

  // Alt+1..4 (Alt+Shift+1..4 in a browser: ../../keymap) open a slot's picker and Ctrl+Enter saves wherever the focus is (the picker
  // unmounts after a pick, which leaves the focus on the page body).
  const addButtons = useRef<Partial<Record<CmoSlot, HTMLButtonElement | null>>>({});
  const saveRef = useRef<(draft?: boolean) => void>(() => undefined);
  // When a picker closes, the focus returns to its slot's Add button (in the same commit, so a
  // key pressed next cannot race a late focus call).
  const lastSlot = useRef<CmoSlot | null>(null);
  useEffect(() => {
    if (picking) lastSlot.current = picking;
    else if (lastSlot.current) addButtons.current[lastSlot.current]?.focus();
  }, [picking]);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const digit = /^Digit([1-4])$/.exec(e.code);
      if (digit && matches(keys, (k) => k.cmocSlot(digit[1]!), e)) {
        e.preventDefault();
        setPicking(CMO_SLOTS[Number(digit[1]) - 1]!);
      } else if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        // The same rule as the buttons: Ctrl+Enter saves a complete CMOC, Ctrl+Shift+Enter a draft.
        e.preventDefault();
        saveRef.current(e.shiftKey);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const list = CMO_SLOTS.flatMap((role) => slots[role].map((codeId) => ({ codeId, role })));
  const key = configurationKey(list);
  const twins = key && layerId ? existing.filter((m) => m.id !== editing?.id && m.coderId === layerId && configurationKey(m.codes) === key) : [];

  const quoteOf = (excerptId: string) => candidates.find((c) => c.excerptId === excerptId) ?? editing?.evidence.find((e) => e.excerptId === excerptId);

  /** Puts the focus on the first missing part: a slot's Add button, or the statement. */
  const focusMissing = (parts: CmocPart[]) => {
    const first = parts[0];
    if (!first) return;
    if (first === 'statement') statementBox.current?.focus();
    else addButtons.current[first === 'mechanism' ? 'mechanism-resource' : first]?.focus();
  };

  const save = async (status: 'complete' | 'draft') => {
    if (busy) return;
    const missing = missingParts(list, shown);
    if (status === 'complete' && missing.length > 0) {
      setMissingNow(missing);
      setError(`Not saved: a CMOC needs ${describeMissing(missing)}. Add ${missing.length > 1 ? 'them' : 'it'}, or save it as a draft (Ctrl+Shift+Enter).`);
      focusMissing(missing);
      return;
    }
    if (status === 'draft' && list.length === 0 && !shown.trim() && !label.trim()) {
      setError('Not saved: an empty draft says nothing yet. Add a code, a label or a statement first.');
      focusMissing(['context']);
      return;
    }
    setBusy(true);
    setError(null);
    setMissingNow([]);
    // The CMOC, its codes and its evidence links are one call, one transaction, one undo step;
    // the statement is sent as shown (a blank one stays blank: nothing is generated behind the reviewer's back).
    const links = evidence.map((ev) => ({ excerptId: ev.excerptId, role: ev.role, note: ev.note.trim() || null }));
    const r = editing
      ? await api.result('cmocs:update', { id: editing.id, label, statement: shown, status, codes: list, evidence: links })
      : await api.result('cmocs:create', { label, codes: list, statement: shown, status, evidence: links });
    setBusy(false);
    if (!r.ok) {
      setError(plainError(r.error, { label: 'The label', statement: 'The statement', note: 'An evidence note' }));
      return;
    }
    const name = label || shown.slice(0, 40) || `CMOC ${r.value.number}`;
    const links_ = evidence.length === 1 ? '1 evidence link' : `${evidence.length} evidence links`;
    onDone(r.value.id, editing ? `Saved “${name}”${status === 'draft' ? ' as a draft' : ''}.` : `Created ${status === 'draft' ? 'the draft ' : ''}“${name}” with ${links_}.`);
  };

  saveRef.current = (draft?: boolean) => void save(draft ? 'draft' : 'complete');

  return (
    <form
      className="cmoc-builder"
      aria-label={editing ? 'Edit CMOC' : 'CMOC builder'}
      onSubmit={(e) => {
        e.preventDefault();
        void save('complete');
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !picking) onCancel();
      }}
    >
      <h3>
        {editing ? `Edit CMOC ${editing.number}${editing.label ? ` · ${editing.label}` : ''}` : 'New CMOC'}
        {editing?.status === 'draft' && <span className="status-badge draft">draft</span>}
      </h3>
      <input aria-label="Label" placeholder="Label (optional)" maxLength={LIMITS.cmocLabel} value={label} onChange={(e) => setLabel(e.target.value)} />
      <div className="builder-slots">
        {CMO_SLOTS.map((slot, i) => (
          <div
            key={slot}
            className={`builder-slot${missingNow.includes(slot === 'mechanism-resource' || slot === 'mechanism-response' ? 'mechanism' : slot) ? ' missing' : ''}`}
            style={{ borderTopColor: kinds.find((k) => k.id === slot)?.color }}
          >
            <div className="builder-slot-head">
              <strong>{SLOT_TITLES[slot]}</strong>
              <button type="button" className="link" ref={(b) => void (addButtons.current[slot] = b)} onClick={() => setPicking(slot)} aria-label={`Add ${SLOT_TITLES[slot]}`} title={chordLabel(keys.cmocSlot(String(i + 1)))}>
                + Add <kbd>{chordLabel(keys.cmocSlot(String(i + 1)))}</kbd>
              </button>
            </div>
            <div className="chips">
              {slots[slot].map((id) => (
                <CodeChip
                  key={id}
                  name={nameOf(id)}
                  color={codeColor(codes.find((c) => c.id === id) ?? { kind: slot, color: null }, kinds)}
                  onRemove={() => setSlots({ ...slots, [slot]: slots[slot].filter((x) => x !== id) })}
                />
              ))}
            </div>
            {picking === slot && (
              <CodePicker
                codes={codes}
                kinds={kinds}
                label={SLOT_TITLES[slot]}
                defaultKind={slot}
                chosen={slots[slot]}
                onPick={(id) => {
                  if (!slots[slot].includes(id)) setSlots({ ...slots, [slot]: [...slots[slot], id] });
                  setPicking(null);
                }}
                onCreate={(name, kind) =>
                  void onCreateCode(name, kind).then((id) => {
                    if (id) setSlots((s) => ({ ...s, [slot]: [...s[slot], id] }));
                    setPicking(null);
                  })
                }
                onClose={() => setPicking(null)}
              />
            )}
          </div>
        ))}
      </div>
      <label className="field">
        <span>
          If–then–because statement{' '}
          {edited ? (
            <button type="button" className="link" onClick={() => setEdited(false)}>
              Redraft from the codes
            </button>
          ) : (
            <span className="muted">(drafted from the codes; edit freely)</span>
          )}
        </span>
        <textarea
          ref={statementBox}
          aria-label="Statement"
          className={missingNow.includes('statement') ? 'missing' : undefined}
          rows={3}
          maxLength={LIMITS.statement}
          value={shown}
          onChange={(e) => {
            setEdited(true);
            setStatement(e.target.value);
          }}
        />
      </label>
      <div className="builder-evidence">
        <strong>Evidence</strong> <span className="muted">({evidence.length} linked; passages coded with the chosen codes below)</span>
        {evidence.map((ev, i) => {
          const q = quoteOf(ev.excerptId);
          return (
            <div key={ev.excerptId} className={`evidence-draft role-${ev.role}`}>
              <span className="evidence-quote">“{q?.quote ?? '…'}”</span>
              <span className="muted evidence-cite">
                {q?.citation} {q ? pageLabel(q.pageIndex) : ''}
              </span>
              <select aria-label="Evidence role" value={ev.role} onChange={(e) => setEvidence(evidence.map((x, j) => (j === i ? { ...x, role: e.target.value as EvidenceRole } : x)))}>
                {EVIDENCE_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
              <input aria-label="Evidence note" placeholder="Note" maxLength={LIMITS.note} value={ev.note} onChange={(e) => setEvidence(evidence.map((x, j) => (j === i ? { ...x, note: e.target.value } : x)))} />
              <button type="button" className="link" aria-label="Unlink" onClick={() => setEvidence(evidence.filter((_, j) => j !== i))}>
                ×
              </button>
            </div>
          );
        })}
        <ul className="candidates" aria-label="Passages to link">
          {candidates
            .filter((c) => !evidence.some((e) => e.excerptId === c.excerptId))
            .slice(0, 50)
            .map((c) => (
              <li key={c.excerptId}>
                <button type="button" className="candidate" onClick={() => setEvidence([...evidence, { excerptId: c.excerptId, role: 'supports', note: '' }])} title="Link as supporting evidence">
                  <span className="candidate-plus">+</span>
                  <span className="evidence-quote">“{c.quote}”</span>
                  <span className="muted evidence-cite">
                    {c.citation} {pageLabel(c.pageIndex)}
                  </span>
                </button>
              </li>
            ))}
          {chosen.length > 0 && candidates.length === 0 && <li className="muted">No passage is coded with these codes yet.</li>}
        </ul>
      </div>
      {twins.length > 0 && (
        <p className="warn-inline" role="note">
          Same codes as {twins.map((t) => `CMOC ${t.number}${t.label ? ` (${t.label})` : ''}`).join(', ')} in this layer: is this a duplicate?
        </p>
      )}
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <div className="form-buttons">
        <button className="primary" type="submit" disabled={busy}>
          {editing ? 'Save CMOC' : 'Create CMOC'} <kbd className="on-primary">Ctrl+Enter</kbd>
        </button>
        <button type="button" disabled={busy} onClick={() => void save('draft')} title="Keep it as a draft: it may lack a context, mechanism, outcome or statement">
          {editing?.status === 'draft' ? 'Keep as draft' : 'Save as draft'} <kbd>Ctrl+Shift+Enter</kbd>
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
