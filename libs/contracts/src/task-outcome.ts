import { z } from 'zod';
import { EXIT_CHECKLIST_ITEMS, type TaskKind } from '@doorloop/domain';

/** The life domains a review speaks to: the same six the exit checklist asks about. */
const lifeDomain = z.enum(EXIT_CHECKLIST_ITEMS);
const text = (max: number) => z.string().trim().min(1).max(max);
/** Her own voice is a required part of every review (IVRK art. 12). */
const wishes = text(4000).describe("The young person's own wishes, in her words or as she agreed they be written.");

const evaluationInput = z.strictObject({
  observations: z
    .array(z.strictObject({ lifeDomain, observation: text(4000) }))
    .min(1)
    .max(EXIT_CHECKLIST_ITEMS.length)
    .describe('What this partner sees, per life domain.'),
  riskSignals: z.array(text(500)).max(20).describe('Signals of renewed exploitation or other risks; empty when none.'),
  wishes,
});

const transitionPlan = z.strictObject({
  plans: z
    .array(z.strictObject({ lifeDomain, plan: text(4000), owner: text(200), date: z.iso.date() }))
    .min(1)
    .describe('A plan per life domain, each with an owner and a date.'),
  wishes,
});

const summary = z.strictObject({ summary: text(4000), wishes: wishes.optional() });

/** The coordinator weighs the partners' inputs: a conclusion per life domain, with what happens next. */
const consolidation = z.strictObject({
  summary: text(4000),
  conclusions: z
    .array(z.strictObject({ lifeDomain, conclusion: text(4000), nextStep: text(1000).optional() }))
    .min(1)
    .max(EXIT_CHECKLIST_ITEMS.length),
  wishes,
});

/** The structured outcome each kind of task asks for. */
export const OUTCOME_SCHEMAS: Record<TaskKind, z.ZodType> = {
  'placement-evaluation': evaluationInput,
  'transition-review': transitionPlan,
  'future-plan': transitionPlan,
  'adult-care-involvement': summary,
  handover: summary,
  'authorisation-expiry': summary,
  'closed-care-limit': summary,
  'ots-expiry': summary,
  'extended-care-end': summary,
  'aftercare-check-in': summary,
  'evaluation-consolidation': consolidation,
};
