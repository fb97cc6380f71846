/**
 * Calls about agreement between coders. `agreement:compute` takes the neutral input file
 * (shared/agreement/schema.ts: ratings, counts or spans) and answers every statistic that
 * applies, with undefined ones listed and explained (shared/agreement/compute.ts). It needs no
 * open project, so a methods reviewer can check the numbers on any file against R or Python;
 * `realist agreement --input FILE.json --json` is this call on the command line.
 */
import { z } from 'zod';
import { agreementInputSchema } from '../../agreement/schema';
import type { AgreementOutput } from '../../agreement/compute';

export const agreementRequests = {
  'agreement:compute': z.object({ input: agreementInputSchema }).strict(),
} as const;

export interface AgreementResponses {
  'agreement:compute': AgreementOutput;
}
