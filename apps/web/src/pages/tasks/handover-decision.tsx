import { Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReferenceData } from '../../api/reference-data';
import type { Handover } from '@doorloop/contracts';
import { useApi } from '../../auth/session';
import { REASON_MAX_LENGTH } from '@doorloop/contracts';
import { RadioGroupField, ReasonField } from '../../components/fields';
import { FactList } from '../../components/fact-list';
import { Section } from '../../components/layout';
import { PageForm } from '../../components/page-form';
import { useForm } from '../../forms/use-form';
import { formatDateTime, formatDay } from '../../i18n/format';

/**
 * A warm handover as the receiving organisation sees it: who hands over, by when to answer, and the answer itself:
 * accept, or reject with what would be needed. Others see its state only.
 */
export function HandoverDecision(props: {
  handover: Handover;
  canAnswer: boolean;
  onAnswered: (handover: Handover) => void;
}) {
  const { handover, canAnswer, onAnswered } = props;
  const { t } = useTranslation();
  const api = useApi();
  const { organisationName } = useReferenceData();
  const [decision, setDecision] = useState('');
  const [reason, setReason] = useState('');
  const form = useForm();
  const { errors } = form;
  const sending = organisationName(handover.sendingOrganisationId);
  const receiving = organisationName(handover.receivingOrganisationId);

  const onSubmit = form.handleSubmit(
    (checks) => {
      if (checks.chosen('decision', decision) && decision === 'reject') checks.required('reason', reason);
      checks.maxLength('reason', reason, REASON_MAX_LENGTH);
    },
    async () => {
      const accepted = decision === 'accept';
      onAnswered(
        await api.post('/handovers/{id}/acknowledgement', {
          params: { id: handover.id },
          body: { accepted, ...(accepted ? {} : { reason: reason.trim() }) },
        }),
      );
    },
  );

  return (
    <Section id="handover" title={t('handover.title')}>
      <FactList
        facts={[
          { label: 'handover.sending', value: sending },
          { label: 'handover.receiving', value: receiving },
          {
            label: 'handover.status',
            value: `${t(`handoverStatus.${handover.status}`)}${handover.reason ? ` — ${handover.reason}` : ''}`,
          },
          { label: 'handover.due', value: formatDay(handover.dueAt) },
        ]}
      />
      {handover.acknowledgedAt ? (
        <Paragraph>{t('handover.acknowledgedOn', { date: formatDateTime(handover.acknowledgedAt) })}</Paragraph>
      ) : null}
      {handover.status !== 'pending' ? null : canAnswer ? (
        <>
          <Paragraph>{t('handover.intro', { sending, receiving, date: formatDay(handover.dueAt) })}</Paragraph>
          <PageForm form={form} onSubmit={onSubmit} submitLabel={t('handover.submit')}>
            <RadioGroupField
              id="decision"
              label={t('handover.decision')}
              value={decision}
              onChange={setDecision}
              options={[
                { value: 'accept', label: t('handover.accept') },
                { value: 'reject', label: t('handover.reject') },
              ]}
              error={errors.decision}
            />
            {decision === 'reject' ? (
              <ReasonField
                id="reason"
                label={t('handover.reason')}
                description={t('handover.reasonHint')}
                value={reason}
                onChange={setReason}
                error={errors.reason}
              />
            ) : null}
          </PageForm>
        </>
      ) : (
        <Paragraph>{t('handover.waitingForReceiver')}</Paragraph>
      )}
    </Section>
  );
}
