import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ProblemAlert } from '../components/feedback';
import { PageHeading } from '../components/layout';
import { useSession } from '../auth/session';

/** The one page for someone not signed in: what Doorloop is, and the way in through the region's issuer. */
export function SignInPage({ expired }: { expired: boolean }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  return (
    <>
      <PageHeading title={t('auth.title')} />
      {expired ? (
        <Alert type="warning" role="status">
          <Paragraph>{t('auth.expired')}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph lead>{t('app.tagline')}</Paragraph>
      <Paragraph>{t('auth.intro')}</Paragraph>
      <Button appearance="primary-action-button" onClick={signIn}>
        {t('auth.signIn')}
      </Button>
    </>
  );
}

/** The api's problem in the user's words (by its code); the issuer's own error as the text to report. */
export function SignInFailedPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  return (
    <>
      <PageHeading title={t('auth.title')} />
      {error instanceof ApiError && error.problem ? (
        <ProblemAlert error={error} />
      ) : (
        <Alert type="error" role="alert">
          <Paragraph>{t('auth.failed', { error: error instanceof Error ? error.message : String(error) })}</Paragraph>
        </Alert>
      )}
      <Button appearance="primary-action-button" onClick={signIn}>
        {t('auth.signIn')}
      </Button>
    </>
  );
}
