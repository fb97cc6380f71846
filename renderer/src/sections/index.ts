/**
 * The sections of the project window, in sidebar order. Each capability adds its section
 * here: a label, a Ctrl/Cmd+digit shortcut, an optional count from the project info, and
 * the component.
 */
import type { ComponentType } from 'react';
import type { ProjectInfo } from '../../../shared/domain/types';
import { Documents } from './documents';
import { Library } from './library';
import { Overview } from './overview';
import { Codebook } from './codebook';
import { Cmocs } from './cmocs';
import { Agreement } from './agreement';
import { Theory } from './theory';

export interface SectionProps {
  info: ProjectInfo | null;
  /** Ask the window to refresh the project info (counts) after a change. */
  refresh: () => void;
}

export interface SectionDef {
  id: string;
  label: string;
  /** The digit of its Ctrl/Cmd shortcut. */
  shortcut: string;
  count?: (info: ProjectInfo) => number;
  component: ComponentType<SectionProps>;
}

export const SECTIONS: SectionDef[] = [
  { id: 'library', label: 'Library', shortcut: '1', count: (i) => i.records, component: Library },
  { id: 'documents', label: 'Documents', shortcut: '2', count: (i) => i.documents, component: Documents },
  { id: 'codebook', label: 'Codebook', shortcut: '3', count: (i) => i.codes, component: Codebook },
  { id: 'cmocs', label: 'CMOCs', shortcut: '4', count: (i) => i.cmocs, component: Cmocs },
  { id: 'agreement', label: 'Agreement', shortcut: '5', component: Agreement },
  { id: 'theory', label: 'Program theory', shortcut: '6', count: (i) => i.theoryVersions, component: Theory },
  { id: 'overview', label: 'Overview', shortcut: '0', component: Overview },
];
