/**
 * A package file named the way the start screen names project files: a path field (the browser
 * build, limited by the services to `.realist` files: a new file where nothing exists for an
 * export, an existing file for a merge) with "Browse…" in the desktop app, whose native dialog
 * answers with a grant. `target()` gives what packages:export / packages:merge take.
 */
import { useState } from 'react';
import { api } from '../../api';

export interface PackageTarget {
  path?: string;
  grant?: string;
}

/** The path field's state, shared by the export and merge forms. */
export function usePackageFile(initial = '') {
  const [filePath, setFilePath] = useState(initial);
  const [picked, setPicked] = useState<{ grant: string; path: string } | null>(null);
  return {
    filePath,
    setFilePath,
    /** The dialog's grant while its path is still shown, else the typed path. */
    target: (): PackageTarget => (picked && picked.path === filePath ? { grant: picked.grant } : { path: filePath.trim() }),
    /** Forgets the grant once used (a grant works once). */
    used: () => setPicked(null),
    browse: async (mode: 'save' | 'open', suggestedName?: string) => {
      const r = await api.result('host:pickPath', mode === 'save' ? { mode, kind: 'project', ...(suggestedName ? { suggestedName } : {}) } : { mode, kind: 'project' });
      const file = r.ok ? r.value.files[0] : undefined;
      if (file) {
        setFilePath(file.path);
        setPicked({ grant: file.grant, path: file.path });
      }
    },
  };
}

export function PackageFileField({
  label,
  hint,
  file,
  mode,
  suggestedName,
  autoFocus,
}: {
  label: string;
  hint: string;
  file: ReturnType<typeof usePackageFile>;
  mode: 'save' | 'open';
  suggestedName?: string;
  autoFocus?: boolean;
}) {
  return (
    <label className="field">
      {label}
      <span className="path-row">
        <input value={file.filePath} onChange={(e) => file.setFilePath(e.target.value)} placeholder="/path/to/package.realist" spellCheck={false} aria-label={label} autoFocus={autoFocus} maxLength={4096} />
        {api.nativeDialogs && (
          <button type="button" onClick={() => void file.browse(mode, suggestedName)}>
            Browse…
          </button>
        )}
      </span>
      <span className="muted path-hint">{hint}</span>
    </label>
  );
}
