/**
 * Calls about who is coding: the project's coders, and the session (the current coder and the
 * layer their writes go to). The session is chosen once per project on each machine and
 * remembered there (not in the page), so a reload or another port keeps it. Every other write
 * call is stamped with the session's coder by the services; a write without one is refused
 * with CODER_REQUIRED.
 */
import { z } from 'zod';
import type { Coder, SessionState } from '../../coders/types';

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');
const coderName = z.string().trim().min(1, 'a coder needs a name').max(100, 'a coder name is at most 100 characters');
const initials = z
  .string()
  .trim()
  .min(1)
  .max(3, 'initials are one to three characters');
const coderId = z.string().min(1).max(100);

export const codersRequests = {
  'coders:list': z.object({}).strict(),
  /** Adds a person to the project (does not make them the current coder). */
  'coders:create': z.object({ name: coderName, color: color.optional(), initials: initials.optional() }).strict(),
  'coders:update': z.object({ id: coderId, name: coderName.optional(), color: color.optional(), initials: initials.optional() }).strict(),
  'session:get': z.object({}).strict(),
  /**
   * Chooses who is coding: a known coder by id, or by name (with `create`, a coder of that name
   * is added when there is none). Remembered for this project on this machine.
   */
  'session:setCoder': z.union([
    z.object({ coderId }).strict(),
    z.object({ name: coderName, create: z.boolean().default(false) }).strict(),
  ]),
  /** Writes go to the coder's own layer, or to the consensus layer (reconciling). */
  'session:setLayer': z.object({ layer: z.enum(['own', 'consensus']) }).strict(),
  /**
   * Turns blind coding on or off for the whole project (an action of the change log, so the
   * audit view says who did it and undo reverses it).
   */
  'settings:setBlind': z.object({ blind: z.boolean() }).strict(),
} as const;

export interface CodersResponses {
  'coders:list': Coder[];
  'coders:create': Coder;
  'coders:update': Coder;
  'session:get': SessionState;
  'session:setCoder': SessionState;
  'session:setLayer': SessionState;
  'settings:setBlind': SessionState;
}
