/**
 * Calls over the project's change log: undo and redo (one system for every kind of write, kept
 * in the project so it survives closing and reopening) and the audit view.
 */
import { z } from 'zod';
import type { ActionDetail, ActionPage, HistoryState } from '../../history/types';

export const historyRequests = {
  'history:state': z.object({}).strict(),
  'history:undo': z.object({}).strict(),
  'history:redo': z.object({}).strict(),
  /** The log, newest first; filters combine. */
  'history:list': z
    .object({
      limit: z.number().int().min(1).max(1000).default(100),
      offset: z.number().int().min(0).default(0),
      coderId: z.string().min(1).max(100).optional(),
      entityType: z.string().min(1).max(50).optional(),
      /** Words in the label or the object's description. */
      query: z.string().max(200).optional(),
    })
    .strict(),
  'history:get': z.object({ seq: z.number().int().min(1), limit: z.number().int().min(1).max(5000).default(500) }).strict(),
} as const;

export interface HistoryResponses {
  'history:state': HistoryState;
  'history:undo': HistoryState;
  'history:redo': HistoryState;
  'history:list': ActionPage;
  'history:get': ActionDetail;
}
