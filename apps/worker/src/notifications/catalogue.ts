import type { MilestoneKind } from '@doorloop/domain';

/** What an escalation mail may say: the pseudonym, what kind of task, when it is due, and where to open it. No more. */
export interface EscalationFacts {
  pseudonym: string;
  /** The task kind in words, from `kindLabels`. */
  kind: string;
  taskUrl: string;
  /** Calendar days from today to the due date (negative once it has passed). */
  daysUntilDue: number;
}

export interface EscalationText {
  subject(facts: EscalationFacts): string;
  body(facts: EscalationFacts): string[];
}

/** What a signal-triage mail may say: where to open the task and when it is due. Nothing of the signal itself. */
export interface SignalTriageFacts {
  taskUrl: string;
  daysUntilDue: number;
}

export interface SignalTriageText {
  subject(facts: SignalTriageFacts): string;
  body(facts: SignalTriageFacts): string[];
}

/**
 * Every text of the escalation mails in one language. A second language is a second object of this shape; nothing
 * else changes. Texts get only `EscalationFacts`, so a translation cannot reach for a name or a birth date.
 */
export interface MailCatalogue {
  /** BCP 47 tag of the texts, sent as Content-Language. */
  language: string;
  /** The task kinds in words. The kinds the lead's workflow may add later fall back to `anyTask`. */
  kindLabels: Record<MilestoneKind | 'evaluation-consolidation', string>;
  anyTask: string;
  reminder: EscalationText;
  overdue: EscalationText;
  /** The triage of a signal: its reminder, its overdue notice, and the alert of a repeat (due at once). */
  signalTriage: { reminder: SignalTriageText; overdue: SignalTriageText; alert: SignalTriageText };
  /** Closes every mail: why it says so little, and that nobody reads replies. */
  footer: string[];
}

const dueIn = (days: number): string =>
  days < 0
    ? 'is verlopen'
    : days === 0
      ? 'vervalt vandaag'
      : days === 1
        ? 'vervalt morgen'
        : `vervalt over ${days} dagen`;

export const nl: MailCatalogue = {
  language: 'nl',
  kindLabels: {
    'future-plan': 'toekomstplan',
    'adult-care-involvement': 'betrekken volwassenenzorg',
    'transition-review': 'overgangsbespreking 18-/18+',
    handover: 'warme overdracht',
    'placement-evaluation': 'plaatsingsevaluatie',
    'evaluation-consolidation': 'samenvatting plaatsingsevaluatie',
    // A mailbox is a weaker place than the app: words that would reveal a court measure or closed care stay out.
    'authorisation-expiry': 'taak',
    'closed-care-limit': 'taak',
    'ots-expiry': 'taak',
    'extended-care-end': 'einde verlengde jeugdhulp',
    'aftercare-check-in': 'nazorgcontact',
    'continuation-decision': 'besluit voortzetting na 18',
    'adulthood-admin': 'regelzaken bij 18 jaar',
    'indication-extension': 'indicatie verlengen',
    'safety-net': 'taak',
    'find-receiver': 'ontvangende organisatie zoeken',
    'adult-intake': 'intake',
    // Missing episodes and custody say nothing in a mailbox either.
    'custody-order-expiry': 'taak',
    'treatment-start': 'taak',
    'missing-episode': 'taak',
    'safety-assessment': 'taak',
  },
  anyTask: 'taak',
  reminder: {
    subject: ({ kind, pseudonym, daysUntilDue }) => `Herinnering: ${kind} voor ${pseudonym} ${dueIn(daysUntilDue)}`,
    body: ({ kind, pseudonym, daysUntilDue, taskUrl }) => [
      'Goedendag,',
      '',
      `Voor uw organisatie staat in traject ${pseudonym} een taak open: ${kind}. De taak ${dueIn(daysUntilDue)}.`,
      '',
      'Open de taak in Doorloop om haar op te pakken of af te ronden:',
      taskUrl,
    ],
  },
  overdue: {
    subject: ({ kind, pseudonym }) => `Verlopen: ${kind} voor ${pseudonym}`,
    body: ({ kind, pseudonym, taskUrl }) => [
      'Goedendag,',
      '',
      `In traject ${pseudonym} is een taak verlopen zonder dat ze is afgerond: ${kind}.`,
      'Als zorgcoördinator krijgt u dit bericht om de taak na te lopen met de partner die haar heeft.',
      '',
      'Open de taak in Doorloop:',
      taskUrl,
    ],
  },
  signalTriage: {
    reminder: {
      subject: ({ daysUntilDue }) => `Herinnering: triage van een signaal ${dueIn(daysUntilDue)}`,
      body: ({ daysUntilDue, taskUrl }) => [
        'Goedendag,',
        '',
        `Er wacht een signaal op triage door uw organisatie. De triage ${dueIn(daysUntilDue)}.`,
        '',
        'Open de taak in Doorloop:',
        taskUrl,
      ],
    },
    overdue: {
      subject: () => 'Verlopen: triage van een signaal',
      body: ({ taskUrl }) => [
        'Goedendag,',
        '',
        'Een signaal wacht langer dan de termijn op triage door uw organisatie.',
        '',
        'Open de taak in Doorloop:',
        taskUrl,
      ],
    },
    alert: {
      subject: () => 'Let op: herhaald signaal, triage nu',
      body: ({ taskUrl }) => [
        'Goedendag,',
        '',
        'Er is een tweede signaal binnen twee jaar over dezelfde jongere. De triage is meteen nodig.',
        '',
        'Open de taak in Doorloop:',
        taskUrl,
      ],
    },
  },
  footer: [
    '',
    '--',
    'Dit bericht bevat bewust geen gegevens over de jongere: die leest u in Doorloop, na het inloggen.',
    'Dit is een automatisch bericht; antwoorden worden niet gelezen.',
  ],
};
