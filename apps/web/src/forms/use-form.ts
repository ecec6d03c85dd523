import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Checks, serverFieldErrors, type FieldErrors } from './validation';

export interface FormState {
  errors: FieldErrors;
  /** A failure that is not about a field (409, 5xx, network): shown as one alert. */
  problem: unknown;
  busy: boolean;
  /**
   * A submit handler: runs the browser checks, then `send`. Field errors of a 400 land on their fields;
   * `serverPrefix` is what the api puts before this form's fields (e.g. `outcome.`).
   */
  handleSubmit: (
    check: (checks: Checks) => void,
    send: () => Promise<void>,
    serverPrefix?: string,
  ) => (event: FormEvent) => void;
}

export function useForm(): FormState {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const handleSubmit: FormState['handleSubmit'] =
    (check, send, serverPrefix = '') =>
    (event) => {
      event.preventDefault();
      if (busy) return;
      const checks = new Checks(t);
      check(checks);
      setProblem(null);
      if (!checks.ok) {
        setErrors({ ...checks.errors });
        return;
      }
      setErrors({});
      setBusy(true);
      send()
        .catch((error: unknown) => {
          const fields = serverFieldErrors(error, t, serverPrefix);
          if (fields) setErrors(fields);
          else setProblem(error);
        })
        .finally(() => setBusy(false));
    };
  return { errors, problem, busy, handleSubmit };
}
