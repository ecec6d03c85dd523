import { Paragraph } from '@utrecht/component-library-react';
import type { Trajectory } from '@doorloop/contracts';
import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { ApiClient } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { useApi } from '../../auth/session';
import { Loading, ProblemAlert } from '../../components/feedback';
import { PageHeading } from '../../components/layout';
import { ButtonLink } from '../../components/links';
import { PageForm } from '../../components/page-form';
import { useForm } from '../../forms/use-form';
import type { Checks, FieldErrors } from '../../forms/validation';

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
  send: (api: ApiClient, trajectory: Trajectory) => Promise<Result>;
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
  if (trajectory.loading) return <Loading />;
  if (!trajectory.data) return <ProblemAlert error={trajectory.error} />;
  const current = trajectory.data;
  const onSubmit = form.handleSubmit(
    (checks) => props.check(checks, current),
    async () => {
      const result = await props.send(api, current);
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
        </PageForm>
      )}
    </>
  );
}
