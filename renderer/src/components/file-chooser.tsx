/**
 * "Choose files…": the one way the page lets the user pick files, since it may not name paths.
 * In the desktop app it opens the native dialog (`host:pickPath`), whose answer stays in the
 * main process and reaches the page as grants; in the browser build it is a real
 * `<input type="file">` (focusable, keyboard-operable, `multiple` when asked), whose files are
 * uploaded to the web bridge. Either way `onChosen` receives what the import, attach and
 * codebook calls take, plus the names to show.
 */
import { useRef, useState } from 'react';
import { api, ApiCallError, type FileParts } from '../api';

export interface FileChooserProps {
  label: string;
  /** Sets the native dialog's filter. */
  kind: 'records' | 'documents' | 'codebook' | 'qdpx';
  multiple: boolean;
  /** The browser's file filter (extensions), e.g. ".pdf,.txt". */
  accept?: string;
  disabled?: boolean;
  className?: string;
  onChosen: (parts: FileParts, names: string[]) => void | Promise<void>;
  onError: (message: string) => void;
}

export function FileChooser({ label, kind, multiple, accept, disabled, className, onChosen, onError }: FileChooserProps) {
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      onError(e instanceof ApiCallError || e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (api.nativeDialogs) {
    return (
      <button
        type="button"
        className={className}
        disabled={disabled || busy}
        onClick={() =>
          void run(async () => {
            const picked = await api.pickFiles(kind, multiple);
            if (picked.length > 0) await onChosen({ grants: picked.map((p) => p.grant) }, picked.map((p) => p.path));
          })
        }
      >
        {label}
      </button>
    );
  }
  return (
    <label className={`file-chooser${disabled || busy ? ' disabled' : ''}${className ? ` ${className}` : ''}`}>
      <input
        ref={input}
        type="file"
        multiple={multiple}
        accept={accept}
        disabled={disabled || busy}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length === 0) return;
          void run(async () => onChosen(await api.prepareFiles(files), files.map((f) => f.name)));
        }}
      />
      <span>{busy ? 'Sending…' : label}</span>
    </label>
  );
}
