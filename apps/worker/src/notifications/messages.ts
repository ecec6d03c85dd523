import type { NotificationStage } from '@doorloop/persistence';
import { nl, type MailCatalogue } from './catalogue';

export interface EscalationMessage {
  language: string;
  subject: string;
  text: string;
}

/**
 * The mail of one escalation stage about one task. It gets the pseudonym, the kind, the days until due and the link,
 * and nothing else, so no other fact about the young person or the case can end up in a mailbox.
 */
export function escalationMessage(
  stage: NotificationStage,
  task: { pseudonym: string; kind: string; taskUrl: string; daysUntilDue: number },
  catalogue: MailCatalogue = nl,
): EscalationMessage {
  const texts = catalogue[stage];
  const facts = { ...task, kind: kindLabel(task.kind, catalogue) };
  return {
    language: catalogue.language,
    subject: texts.subject(facts),
    text: [...texts.body(facts), ...catalogue.footer].join('\n'),
  };
}

/**
 * The mail about a signal's triage task: a reminder, an overdue notice, or (for a repeat) the alert. It gets the link
 * and the days until due: nothing of the signal, which stays in the app.
 */
export function signalTriageMessage(
  stage: NotificationStage,
  task: { repeat: boolean; taskUrl: string; daysUntilDue: number },
  catalogue: MailCatalogue = nl,
): EscalationMessage {
  const texts = catalogue.signalTriage[stage === 'overdue' && task.repeat ? 'alert' : stage];
  return {
    language: catalogue.language,
    subject: texts.subject(task),
    text: [...texts.body(task), ...catalogue.footer].join('\n'),
  };
}

function kindLabel(kind: string, catalogue: MailCatalogue): string {
  return Object.hasOwn(catalogue.kindLabels, kind)
    ? catalogue.kindLabels[kind as keyof MailCatalogue['kindLabels']]
    : catalogue.anyTask;
}
