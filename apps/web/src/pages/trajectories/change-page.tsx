import { Fieldset, FieldsetLegend, Paragraph } from '@utrecht/component-library-react';
import type { Trajectory } from '@doorloop/contracts';
import type { ParseKeys } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { ApiClient } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { useApi } from '../../auth/session';
import { Loading, ProblemAlert } from '../../components/feedback';
import { PageHeading } from '../../components/layout';
import { ButtonLink } from '../../components/links';
import { OverrideFields } from '../../components/override-fields';
import { PageForm } from '../../components/page-form';
import { useForm } from '../../forms/use-form';
import { isOverridableRefusal, type Checks, type FieldErrors } from '../../forms/validation';

/** An explicit override of a legal rule, as the api takes it beside the fact (issue 13). */
export interface Override {
  reason: string;
}

/**
 * One page per change of a trajectory. Each loads the trajectory (for its pseudonym and current facts), shows one
 * small form, checks it, sends the change and returns to the trajectory page, which says the schedule was recomputed.
 */
export function ChangePage<Result extends Trajectory = Trajectory>(props: {
  /** The page's title, an i18n key that names the trajectory by `{{pseudonym}}`. */
  title: ParseKeys;
  intro?: ParseKeys;
  submitLabel?: ParseKeys;
  /** Whether what the page changes is there (the court measure of the address); when not, it says "not found". */
  found?: (trajectory: Trajectory) => boolean;
  check: (checks: Checks, trajectory: Trajectory) => void;
  /**
   * Whether a refusal by a legal rule may be overridden: only after the api refused the fact by such a rule does the
   * page offer to record it anyway, with a reason; `send` then gets the override.
   */
  overridable?: boolean;
  send: (api: ApiClient, trajectory: Trajectory, override?: Override) => Promise<Result>;
  /** What the trajectory page says once the change is saved; by default that the schedule was recomputed. */
  notice?: (result: Result) => string;
  /** The form's fields, with the errors found on them. */
  children: (trajectory: Trajectory, errors: FieldErrors) => ReactNode;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const trajectory = useResource(`trajectory:${id}`, (a) => a.get('/trajectories/{id}', { params: { id } }));
  const form = useForm();
  const [offered, setOffered] = useState(false);
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState('');
  if (trajectory.loading) return <Loading />;
  if (!trajectory.data) return <ProblemAlert error={trajectory.error} />;
  const current = trajectory.data;
  const onSubmit = form.handleSubmit(
    (checks) => {
      props.check(checks, current);
      if (offered && override) checks.required('override-reason', reason);
    },
    async () => {
      const result = await props
        .send(api, current, offered && override ? { reason: reason.trim() } : undefined)
        .catch((error: unknown) => {
          if (props.overridable && isOverridableRefusal(error)) setOffered(true);
          throw error;
        });
      const notice = props.notice ? props.notice(result) : t('change.saved');
      await navigate(`/trajectories/${id}`, { state: { notice } });
    },
  );
  return (
    <>
      <PageHeading
        title={t(props.title, { pseudonym: current.pseudonym })}
        intro={props.intro ? t(props.intro) : undefined}
      />
      {props.found?.(current) === false ? (
        <Paragraph>{t('common.notFoundText')}</Paragraph>
      ) : (
        <PageForm
          form={form}
          onSubmit={onSubmit}
          submitLabel={t(props.submitLabel ?? 'change.submit')}
          secondary={
            <ButtonLink to={`/trajectories/${id}`} appearance="secondary-action">
              {t('common.cancel')}
            </ButtonLink>
          }
        >
          {props.children(current, form.errors)}
          {offered ? (
            <Fieldset>
              <FieldsetLegend>{t('lawful.overrideLegend')}</FieldsetLegend>
              <Paragraph>{t('lawful.overrideIntro')}</Paragraph>
              <OverrideFields
                label={t('lawful.override')}
                reasonLabel={t('lawful.overrideReason')}
                reasonDescription={t('lawful.overrideReasonHint')}
                checked={override}
                onCheck={setOverride}
                reason={reason}
                onReason={setReason}
                error={form.errors['override-reason']}
              />
            </Fieldset>
          ) : null}
        </PageForm>
      )}
    </>
  );
}
