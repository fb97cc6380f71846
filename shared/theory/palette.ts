/**
 * Colours and print marks of the theory diagrams. The colours are Okabe & Ito's palette
 * ("Color Universal Design", 2008), distinguishable with any common colour-vision deficiency;
 * every change kind also has its own line pattern and a symbol, so the refinement reads in
 * black and white and for readers who cannot tell two of the colours apart.
 */
import type { ChangeKind, TheoryRole } from './types';

/** Okabe-Ito: the eight colours. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** `colour` for screens and colour print; `print` for black-and-white journals. */
export type DiagramStyle = 'colour' | 'print';

export interface RoleInk {
  fill: string;
  stroke: string;
}

/** Fill and border of each layer's boxes. Print: four greys, lightest for context. */
export const ROLE_INK: Readonly<Record<DiagramStyle, Readonly<Record<TheoryRole, RoleInk>>>> = {
  colour: {
    context: { fill: '#E3F2FB', stroke: '#2F86B8' },
    'mechanism-resource': { fill: '#FBEFD2', stroke: '#B07A00' },
    'mechanism-response': { fill: '#F6E4EE', stroke: '#A8558A' },
    outcome: { fill: '#D9F0E8', stroke: '#00805D' },
  },
  print: {
    context: { fill: '#FFFFFF', stroke: '#000000' },
    'mechanism-resource': { fill: '#EBEBEB', stroke: '#000000' },
    'mechanism-response': { fill: '#D6D6D6', stroke: '#000000' },
    outcome: { fill: '#F5F5F5', stroke: '#000000' },
  },
};

export interface ChangeInk {
  colour: string;
  /** SVG stroke-dasharray ('' for a solid line). */
  dash: string;
  /** A one-character mark printed on the change's line and in the legend. */
  symbol: string;
  /** Words for the legend. */
  label: string;
}

/** The six kinds of change: colour, line pattern and symbol each. */
export const CHANGE_INK: Readonly<Record<ChangeKind, ChangeInk>> = {
  kept: { colour: OKABE_ITO.blue, dash: '', symbol: '=', label: 'Kept' },
  modified: { colour: OKABE_ITO.orange, dash: '7 3', symbol: '~', label: 'Modified' },
  split: { colour: OKABE_ITO.reddishPurple, dash: '2 3', symbol: '<', label: 'Split' },
  merged: { colour: OKABE_ITO.bluishGreen, dash: '9 3 2 3', symbol: '>', label: 'Merged' },
  dropped: { colour: OKABE_ITO.vermillion, dash: '3 2', symbol: '×', label: 'Dropped' },
  added: { colour: OKABE_ITO.skyBlue, dash: '12 3', symbol: '+', label: 'Added' },
};

/** The colour a change is drawn in, in the given style (black in print: the dash tells the kind). */
export function changeColour(kind: ChangeKind, style: DiagramStyle): string {
  return style === 'print' ? '#000000' : CHANGE_INK[kind].colour;
}

/** Ink for text, lines and the page. */
export const INK = {
  text: '#1B1B1B',
  muted: '#555555',
  edge: '#5A5A5A',
  page: '#FFFFFF',
  rule: '#BBBBBB',
  refute: OKABE_ITO.vermillion,
} as const;
