import { z } from 'zod';
import {
  ADULTHOOD_ADMIN_ITEMS,
  CHECKLIST_STATUSES,
  CONTINUATIONS,
  EXIT_CHECKLIST_ITEMS,
  LEGAL_BASES,
  type TaskKind,
  validateAdulthoodAdmin,
  validateContinuation,
} from '@doorloop/domain';
import { triageSchema } from './signals';

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

/** How she took part in a review that decides about her (DOMAIN.md, "Her voice"), recorded once by the coordinator. */
export const PARTICIPATION_WAYS = ['present', 'spoke-before', 'in-writing', 'declined', 'not-asked'] as const;
export const AGREEMENTS = ['yes', 'partly', 'no'] as const;

const participation = z
  .strictObject({
    how: z.enum(PARTICIPATION_WAYS).describe('How she was heard.'),
    notAskedReason: text(1000).optional().describe('Required when she was not asked: why not.'),
    ownWords: text(4000).describe('Her own words.'),
    agrees: z.enum(AGREEMENTS).describe('Whether she agrees with the decision.'),
    parentsView: text(4000).optional().describe("For a minor: the parents' view."),
  })
  .refine((value) => value.how !== 'not-asked' || value.notAskedReason !== undefined, {
    path: ['notAskedReason'],
    message: 'She was not asked: give the reason',
    params: { code: 'required' },
  });

const basisCode = z.enum(LEGAL_BASES).describe('The legal basis of help from the 18th birthday.');
const continuationCode = z
  .enum(CONTINUATIONS)
  .describe(
    'same-provider: no handover, the municipality extends the indication; new-provider: a handover to it; declined: a safety net.',
  );

/** One decision as the domain checks it (validateContinuation), its findings as refinement issues. */
const decided = <T extends { continuation: string; basis: string; providerOrganisationId?: string }>(
  value: T,
  context: z.RefinementCtx,
  path: (string | number)[] = [],
): void => {
  const errors = validateContinuation({
    continuation: value.continuation as (typeof CONTINUATIONS)[number],
    basis: value.basis as (typeof LEGAL_BASES)[number],
    ...(value.providerOrganisationId === undefined ? {} : { providerOrganisationId: value.providerOrganisationId }),
    decidedAt: 0,
  });
  for (const error of errors) {
    const field = error.path.replace(/^continuation\./, '');
    context.addIssue({ code: 'custom', path: [...path, field], message: error.message, params: { code: error.code } });
  }
};

/**
 * The coordinator's continuation decision, from the transition review's inputs: who continues from the 18th birthday
 * and on what basis, as a whole (this drives the schedule) and, where it differs, per life domain; and her part in it.
 */
const continuationDecision = z
  .strictObject({
    continuation: continuationCode,
    basis: basisCode,
    providerOrganisationId: z.uuid().optional().describe('Who continues (same-provider) or takes over (new-provider).'),
    lifeDomains: z
      .array(
        z
          .strictObject({
            lifeDomain,
            continuation: continuationCode,
            basis: basisCode,
            providerOrganisationId: z.uuid().optional(),
          })
          .superRefine((value, context) => decided(value, context)),
      )
      .max(EXIT_CHECKLIST_ITEMS.length)
      .optional()
      .describe('Per life domain, where it differs from the whole.'),
    participation,
    summary: text(4000).optional(),
  })
  .superRefine((value, context) => decided(value, context));

const checklistAnswer = z.strictObject({ status: z.enum(CHECKLIST_STATUSES), reason: text(2000).optional() });

/** Adulthood administration: every item arranged, not needed, or not arranged with a reason. */
const adulthoodAdmin = z
  .strictObject({
    checklist: z.strictObject(
      Object.fromEntries(ADULTHOOD_ADMIN_ITEMS.map((item) => [item, checklistAnswer])) as Record<
        (typeof ADULTHOOD_ADMIN_ITEMS)[number],
        typeof checklistAnswer
      >,
    ),
    summary: text(4000).optional(),
  })
  .superRefine((value, context) => {
    for (const error of validateAdulthoodAdmin(value.checklist)) {
      context.addIssue({
        code: 'custom',
        path: error.path.split('.'),
        message: error.message,
        params: { code: error.code },
      });
    }
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
  'continuation-decision': continuationDecision,
  'adulthood-admin': adulthoodAdmin,
  'indication-extension': summary,
  'safety-net': summary,
  'find-receiver': summary,
  'adult-intake': transitionPlan,
  'custody-order-expiry': summary,
  'treatment-start': summary,
  'missing-episode': summary,
  'safety-assessment': summary,
  // Stored by POST /signals/{id}/triage, which completes the task; the generic completion refuses it (409).
  'signal-triage': triageSchema,
};
