/** Add a note to the case file. */
import { z } from 'zod';
import { noteBreach } from '../../case-limits.js';
import { caseAction } from '../action.js';
import { limitRefusal, refuse } from '../refusals.js';
import { emit } from '../state.js';

const MAX_NOTE = 5000;

/** What the officer sends, and the engine's input (built on first use: `once` in ../action.ts). */
const schemas = () => {
  const body = z.object({ text: z.string().min(1).max(MAX_NOTE) });
  return { body, input: body };
};

export const addNote = caseAction({
  type: 'ADD_NOTE',
  update: 'addNote',
  schemas,
  check({ def, state, ruleset }, i) {
    if (typeof i.text !== 'string' || !i.text.trim()) return refuse('NOTE_EMPTY', {});
    if (i.text.length > MAX_NOTE) return refuse('NOTE_TOO_LONG', { max: MAX_NOTE });
    if (ruleset >= 3) return limitRefusal(noteBreach(def, state, i.text));
    return undefined;
  },
  apply({ state, actor, now }, i) {
    state.notes.push({ by: actor.userId, at: now, text: i.text });
    emit(state, now, actor, actor.roles[0] ?? '', 'NOTE_ADDED', { text: i.text });
  },
});
