import { MILESTONE_KINDS } from '@doorloop/domain';
import { DEMO_ORGANISATIONS } from '@doorloop/persistence';
import { nl, type MailCatalogue } from './catalogue';
import { escalationMessage } from './messages';

const task = {
  pseudonym: 'TRJ-7F3K',
  kind: 'placement-evaluation',
  taskUrl: 'https://doorloop.example.test/tasks/0b6d3a52-6f64-4d8e-9a57-3c1f0e6a2b11',
  daysUntilDue: 3,
};

/** Everything in a mail that names a thing: URLs, e-mail addresses, pseudonyms, numbers and dates. */
function identifiersIn(text: string): string[] {
  const urls = text.match(/https?:\/\/\S+/g) ?? [];
  const rest = urls.reduce((remaining, url) => remaining.replace(url, ' '), text);
  return [...urls, ...(rest.match(/\S+@\S+|TRJ-\w+|\d[\d\-/.:]*/g) ?? [])];
}

describe('escalation messages', () => {
  it('reminds in Dutch with the pseudonym, the kind in words, the days left and the link', () => {
    const mail = escalationMessage('reminder', task);
    expect(mail.subject).toBe('Herinnering: plaatsingsevaluatie voor TRJ-7F3K vervalt over 3 dagen');
    expect(mail.text).toContain('plaatsingsevaluatie');
    expect(mail.text).toContain(`\n${task.taskUrl}\n`);
    expect(mail.language).toBe('nl');
  });

  it('says today, tomorrow and past due in words', () => {
    const subject = (daysUntilDue: number) => escalationMessage('reminder', { ...task, daysUntilDue }).subject;
    expect(subject(1)).toBe('Herinnering: plaatsingsevaluatie voor TRJ-7F3K vervalt morgen');
    expect(subject(0)).toBe('Herinnering: plaatsingsevaluatie voor TRJ-7F3K vervalt vandaag');
    expect(subject(-2)).toBe('Herinnering: plaatsingsevaluatie voor TRJ-7F3K is verlopen');
  });

  it('tells the coordinator a task is overdue, with the pseudonym, the kind and the link', () => {
    const mail = escalationMessage('overdue', { ...task, kind: 'handover', daysUntilDue: 0 });
    expect(mail.subject).toBe('Verlopen: warme overdracht voor TRJ-7F3K');
    expect(mail.text).toContain('warme overdracht');
    expect(mail.text).toContain(task.taskUrl);
  });

  it.each(['reminder', 'overdue'] as const)(
    'names nothing in the %s mail but the pseudonym and the link (and the days left)',
    (stage) => {
      const mail = escalationMessage(stage, task);
      for (const text of [mail.subject, mail.text]) {
        const named = identifiersIn(text).filter((found) => found !== '3');
        expect(new Set(named)).toEqual(new Set(text === mail.subject ? ['TRJ-7F3K'] : ['TRJ-7F3K', task.taskUrl]));
      }
      for (const organisation of DEMO_ORGANISATIONS) {
        expect(mail.text).not.toContain(organisation.name);
        expect(mail.text).not.toContain(organisation.notificationEmail);
      }
    },
  );

  it('has a Dutch word for every kind of task, and a neutral one for a kind it does not know', () => {
    for (const kind of [...MILESTONE_KINDS, 'evaluation-consolidation']) {
      const { subject } = escalationMessage('overdue', { ...task, kind });
      expect(subject).not.toContain(kind);
      expect(subject).toMatch(/^Verlopen: [a-z][a-z0-9 /+-]+ voor TRJ-7F3K$/);
    }
    expect(escalationMessage('overdue', { ...task, kind: 'toString' }).subject).toBe('Verlopen: taak voor TRJ-7F3K');
    expect(escalationMessage('overdue', { ...task, kind: 'something-new' }).subject).toBe(
      'Verlopen: taak voor TRJ-7F3K',
    );
  });

  it('takes every text from the catalogue it is given', () => {
    const en: MailCatalogue = {
      ...nl,
      language: 'en',
      kindLabels: { ...nl.kindLabels, 'placement-evaluation': 'placement review' },
      reminder: {
        subject: ({ kind, pseudonym }) => `Reminder: ${kind} for ${pseudonym}`,
        body: ({ taskUrl }) => [taskUrl],
      },
      footer: ['(automatic message)'],
    };
    expect(escalationMessage('reminder', task, en)).toEqual({
      language: 'en',
      subject: 'Reminder: placement review for TRJ-7F3K',
      text: `${task.taskUrl}\n(automatic message)`,
    });
  });
});
