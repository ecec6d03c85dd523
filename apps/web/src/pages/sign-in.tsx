import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
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

export function SignInFailedPage({ error }: { error: string }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  return (
    <>
      <PageHeading title={t('auth.title')} />
      <Alert type="error" role="alert">
        <Paragraph>{t('auth.failed', { error })}</Paragraph>
      </Alert>
      <Button appearance="primary-action-button" onClick={signIn}>
        {t('auth.signIn')}
      </Button>
    </>
  );
}
