import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useMe } from '../auth/session';
import { PageHeading } from '../components/layout';
import { TextLink } from '../components/links';

const START: Partial<Record<string, string>> = {
  coordinator: '/trajectories',
  partner: '/tasks',
  director: '/overview',
};

/** `/`: each role starts where its work is; roles without screens of their own get a short page. */
export function HomePage() {
  const me = useMe();
  const { t } = useTranslation();
  const start = START[me.role];
  if (start) return <Navigate to={start} replace />;
  return (
    <>
      <PageHeading
        title={t('home.title', { name: me.displayName })}
        intro={t('home.noPages', { role: t(`userRoles.${me.role}`) })}
      />
      <Paragraph>
        <a className="utrecht-link" href="/api/v1/docs">
          {t('home.apiDocs')}
        </a>
      </Paragraph>
    </>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('common.notFound')} intro={t('common.notFoundText')} />
      <Paragraph>
        <TextLink to="/">{t('common.toStart')}</TextLink>
      </Paragraph>
    </>
  );
}
