import {
  Button,
  Document,
  Heading1,
  Heading2,
  Page,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  SkipLink,
} from '@utrecht/component-library-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, NavigationType, useNavigationType } from 'react-router';
import type { UserRole } from '@doorloop/contracts';
import { useSession } from '../auth/session';
import type { Language } from '../i18n/i18n';

interface NavItem {
  to: string;
  label:
    | 'nav.trajectories'
    | 'nav.newTrajectory'
    | 'nav.tasks'
    | 'nav.inbox'
    | 'nav.overview'
    | 'nav.overdue'
    | 'nav.signals'
    | 'nav.newSignal'
    | 'nav.reports';
  end?: boolean;
}

/** What each role's navigation offers; the api enforces access, this only leaves out what would be refused. */
export const NAVIGATION: Record<UserRole, NavItem[]> = {
  coordinator: [
    { to: '/trajectories', label: 'nav.trajectories', end: true },
    { to: '/trajectories/new', label: 'nav.newTrajectory' },
    { to: '/tasks', label: 'nav.tasks' },
    { to: '/overview', label: 'nav.overdue' },
    { to: '/signals', label: 'nav.signals', end: true },
    { to: '/reports', label: 'nav.reports' },
  ],
  partner: [
    { to: '/tasks', label: 'nav.inbox' },
    { to: '/signals', label: 'nav.signals', end: true },
    { to: '/signals/new', label: 'nav.newSignal' },
  ],
  director: [
    { to: '/overview', label: 'nav.overview' },
    { to: '/reports', label: 'nav.reports' },
  ],
  admin: [],
  auditor: [],
};

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { state, signOut } = useSession();
  const me = state.status === 'signed-in' ? state.me : null;
  return (
    <Document className="doorloop-document">
      <SkipLink href="#main">{t('app.skipLink')}</SkipLink>
      <Page className="doorloop-page">
        <PageHeader className="doorloop-header">
          <div className="doorloop-header__bar">
            <Link to="/" className="doorloop-brand">
              {t('app.name')}
            </Link>
            <div className="doorloop-header__tools">
              {me ? (
                <Paragraph className="doorloop-user">
                  {t('app.signedInAs', { name: me.displayName, role: t(`userRoles.${me.role}`) })}
                  {me.organisationName ? ` — ${me.organisationName}` : ''}
                </Paragraph>
              ) : null}
              <LanguageSwitch />
              {me ? (
                <Button appearance="secondary-action-button" onClick={signOut}>
                  {t('app.signOut')}
                </Button>
              ) : null}
            </div>
          </div>
          {me && NAVIGATION[me.role].length ? (
            <nav aria-label={t('app.mainNavigation')} className="doorloop-nav">
              <ul className="doorloop-nav__list">
                {NAVIGATION[me.role].map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.end} className="utrecht-link doorloop-nav__link">
                      {t(item.label)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </PageHeader>
        <PageContent>
          <main id="main" tabIndex={-1} className="utrecht-page-content__main doorloop-main">
            {children}
          </main>
        </PageContent>
        <PageFooter>
          <Paragraph>{t('app.footer')}</Paragraph>
        </PageFooter>
      </Page>
    </Document>
  );
}

/** The other language, named in that language and marked with its `lang` (WCAG 3.1.2). */
function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = t('app.switchToOtherLang') as Language;
  return (
    <Button
      appearance="subtle-button"
      lang={other}
      aria-label={t('app.switchToOtherLabel')}
      onClick={() => void i18n.changeLanguage(other)}
    >
      {t('app.switchToOther')}
    </Button>
  );
}

/**
 * The page's one h1, which also names the browser tab. After a navigation inside the app (a followed link, a sent
 * form: a PUSH) the focus moves to it, so screen reader and keyboard users start at the new page's top. A fresh load
 * or a redirect (sign-in, `/` to the role's start page) leaves the focus where the browser puts it: the document, whose
 * first stop is the skip link. `intro`, when given, is the paragraph under it that says what the page is for.
 */
export function PageHeading({ children, title, intro }: { children?: ReactNode; title: string; intro?: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('app.pageTitle', { title });
  }, [t, title]);
  const navigation = useNavigationType();
  useEffect(() => {
    if (navigation === NavigationType.Push) ref.current?.focus();
    // Once per page: a later navigation to the same page (new filters) keeps the focus where the user is.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <>
      <Heading1 ref={ref} tabIndex={-1} className="doorloop-page-heading">
        {children ?? title}
      </Heading1>
      {intro ? <Paragraph>{intro}</Paragraph> : null}
    </>
  );
}

/**
 * A part of a page under its h2, with an optional intro paragraph. The heading (id `${id}-heading`) names the
 * section, so a screen reader lists it among the page's regions.
 */
export function Section({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  children?: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section aria-labelledby={headingId}>
      <Heading2 id={headingId}>{title}</Heading2>
      {intro ? <Paragraph>{intro}</Paragraph> : null}
      {children}
    </section>
  );
}
