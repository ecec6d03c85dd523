import { Alert, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import type { FieldErrors } from '../forms/validation';

/**
 * The list of what to correct, shown above a form after a failed submit: it takes the focus so keyboard and screen
 * reader users land on it, and each entry moves the focus to its field (the GOV.UK / NL Design System pattern).
 */
export function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  useEffect(() => {
    if (Object.keys(errors).length) ref.current?.focus();
  }, [errors]);
  if (!entries.length) return null;
  return (
    <div ref={ref} tabIndex={-1} className="doorloop-error-summary" aria-labelledby="error-summary-title">
      <Alert type="error">
        <Heading2 id="error-summary-title">{t('validation.summaryTitle')}</Heading2>
        <UnorderedList>
          {entries.map(([id, message]) => (
            <UnorderedListItem key={id}>
              <a
                className="utrecht-link"
                href={`#${id}`}
                onClick={(event) => {
                  event.preventDefault();
                  const target = document.getElementById(`${id}-input`) ?? document.getElementById(id);
                  target?.focus();
                  target?.scrollIntoView({ block: 'center' });
                }}
              >
                <ErrorLabel id={id} message={message} />
              </a>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </Alert>
    </div>
  );
}

/**
 * An error named after its field: the field's label (or its group's legend) as it is on the page. The fields were
 * rendered before the summary that points at them, so the page can be read here.
 */
function ErrorLabel({ id, message }: { id: string; message: string }) {
  const label =
    document.querySelector(`label[for="${CSS.escape(id)}"]`) ?? document.getElementById(id)?.querySelector('legend');
  const name = label?.textContent?.replace(/\s+/g, ' ').trim();
  return <>{name ? `${name}: ${message}` : message}</>;
}

/**
 * What went wrong with a request, in words for the user by the problem's `code` (never the api's English `detail`);
 * the correlation id of a 5xx for the helpdesk.
 */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : null;
  const text = problem ? t(`problems.${problem.code}`) : t('common.errorText');
  const correlationId = problem?.correlationId;
  return (
    <Alert type="error" role="alert">
      <Paragraph>{text}</Paragraph>
      {correlationId ? <Paragraph>{t('common.errorCorrelation', { id: correlationId })}</Paragraph> : null}
    </Alert>
  );
}

/** A confirmation that something happened; a polite live region so screen readers announce it. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <Alert type="ok" role="status">
      <Paragraph>{children}</Paragraph>
    </Alert>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <Paragraph role="status" aria-live="polite">
      {t('app.loading')}
    </Paragraph>
  );
}
