import { Fieldset, FieldsetLegend } from '@utrecht/component-library-react';
import {
  CHECKLIST_STATUSES,
  EXIT_CHECKLIST_ITEMS,
  type ChecklistStatus,
  type ExitChecklistItem,
} from '@doorloop/contracts';
import { validateClosure, type ChecklistAnswer, type ClosureRequest } from '@doorloop/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, RadioGroupField, ReasonField } from '../../components/fields';
import { OverrideFields } from '../../components/override-fields';
import { today } from '../../i18n/format';
import { fieldId } from '../../forms/validation';
import { ChangePage } from './change-page';

type Answers = Record<ExitChecklistItem, { status: ChecklistStatus | ''; reason: string }>;

const NO_ANSWERS = Object.fromEntries(
  EXIT_CHECKLIST_ITEMS.map((item) => [item, { status: '', reason: '' }]),
) as Answers;

/**
 * Closing a trajectory asks the exit checklist of DOMAIN.md: every basic arranged, not needed, or not arranged with a
 * reason, or an explicit override with its reason. The rule itself is the domain's `validateClosure`, the same the
 * api applies; this page only words its findings in the user's language.
 */
export function ClosurePage() {
  const { t } = useTranslation();
  const [date, setDate] = useState(today());
  const [answers, setAnswers] = useState<Answers>(NO_ANSWERS);
  const [override, setOverride] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');

  const request = (): ClosureRequest & { date: string } => {
    const checklist: Partial<Record<ExitChecklistItem, ChecklistAnswer>> = {};
    for (const item of EXIT_CHECKLIST_ITEMS) {
      const { status, reason } = answers[item];
      if (status) checklist[item] = { status, ...(status === 'not-arranged' && reason.trim() ? { reason } : {}) };
    }
    return {
      date,
      ...(Object.keys(checklist).length || !override ? { checklist } : {}),
      ...(override ? { override: { reason: overrideReason } } : {}),
    };
  };

  return (
    <ChangePage
      title="change.closureTitle"
      intro="change.closureIntro"
      submitLabel="change.submitClosure"
      check={(checks) => {
        checks.date('date', date);
        for (const error of validateClosure(request())) {
          const path = error.path === 'checklist' ? `checklist.${EXIT_CHECKLIST_ITEMS[0]}` : error.path;
          const id = fieldId(path.endsWith('.status') ? path.slice(0, -'.status'.length) : path);
          checks.add(id, path.endsWith('reason') ? t('validation.reason') : t('validation.choose'));
        }
      }}
      send={(api, { id }) => api.post('/trajectories/{id}/closure', { params: { id }, body: request() })}
    >
      {(_trajectory, errors) => (
        <>
          <Field
            id="date"
            type="date"
            label={t('change.closureDate')}
            value={date}
            onChange={setDate}
            error={errors.date}
          />
          <Fieldset>
            <FieldsetLegend>{t('change.checklist')}</FieldsetLegend>
            {EXIT_CHECKLIST_ITEMS.map((item) => {
              const answer = answers[item];
              const id = `checklist-${item}`;
              const set = (patch: Partial<Answers[ExitChecklistItem]>) =>
                setAnswers({ ...answers, [item]: { ...answer, ...patch } });
              return (
                <div key={item} className="doorloop-checklist-item">
                  <RadioGroupField
                    id={id}
                    label={t(`lifeDomains.${item}`)}
                    value={answer.status}
                    onChange={(status) => set({ status: status as ChecklistStatus })}
                    options={CHECKLIST_STATUSES.map((status) => ({
                      value: status,
                      label: t(`checklistStatus.${status}`),
                    }))}
                    error={errors[id]}
                  />
                  {answer.status === 'not-arranged' ? (
                    <ReasonField
                      id={`${id}-reason`}
                      label={t('change.reason')}
                      description={t('change.reasonHint')}
                      value={answer.reason}
                      onChange={(reason) => set({ reason })}
                      error={errors[`${id}-reason`]}
                    />
                  ) : null}
                </div>
              );
            })}
          </Fieldset>
          <OverrideFields
            label={t('change.override')}
            reasonLabel={t('change.overrideReason')}
            checked={override}
            onCheck={setOverride}
            reason={overrideReason}
            onReason={setOverrideReason}
            error={errors['override-reason']}
          />
        </>
      )}
    </ChangePage>
  );
}
