/** Calls about the bibliographic library. */
import { z } from 'zod';
import type { RecordSummary } from '../../domain/types';

export const recordsRequests = {
  'records:list': z
    .object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(200),
    })
    .strict(),
} as const;

export interface RecordsResponses {
  'records:list': { total: number; items: RecordSummary[] };
}
