import {
  approximateMs,
  durationSign,
  formatDuration,
  parseDuration,
  RETENTION_CATEGORIES,
  type IsoDuration,
  type RetentionCategory,
} from '@doorloop/domain';

/** How long after closure each category is kept (see RETENTION_CATEGORIES). */
export type RetentionPeriods = Readonly<Record<RetentionCategory, IsoDuration>>;

/** The youth-care file is kept 20 years (Jeugdwet 7.3.8); nothing is kept longer by default. */
export const DEFAULT_RETENTION_PERIOD: IsoDuration = 'P20Y';

/**
 * Parses `RETENTION`: `category=ISO 8601 duration` pairs separated by commas, e.g. `case-data=P20Y,identity=P15Y`.
 * A category not named keeps the default. Identifying fields cannot outlive the case they identify: erasing the case
 * erases them, so a longer identity period would promise what is not done.
 */
export function parseRetention(text: string): { periods: RetentionPeriods; problems: [] } | { problems: string[] } {
  const periods: Record<RetentionCategory, IsoDuration> = {
    'case-data': DEFAULT_RETENTION_PERIOD,
    identity: DEFAULT_RETENTION_PERIOD,
  };
  const problems: string[] = [];
  const seen = new Set<string>();
  const entries = text.trim() === '' ? [] : text.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [category, value, ...rest] = entry.split('=').map((part) => part.trim());
    if (!isCategory(category) || value === undefined || rest.length > 0) {
      problems.push(
        `"${entry.slice(0, 40)}" must be category=duration, the category one of ${RETENTION_CATEGORIES.join(', ')}`,
      );
      continue;
    }
    const duration = parseDuration(value);
    if (!duration || durationSign(duration) <= 0) {
      problems.push(`${category}: must be a positive ISO 8601 duration such as P20Y or P18M (got "${value}")`);
      continue;
    }
    if (seen.has(category)) problems.push(`${category}: is named twice`);
    seen.add(category);
    periods[category] = formatDuration(duration);
  }
  const [identity, caseData] = [parseDuration(periods.identity), parseDuration(periods['case-data'])];
  if (problems.length === 0 && identity && caseData && approximateMs(identity) > approximateMs(caseData)) {
    problems.push(
      `identity (${periods.identity}) must not be longer than case-data (${periods['case-data']}): erasing the case ` +
        'erases its identifying fields',
    );
  }
  return problems.length === 0 ? { periods, problems: [] } : { problems };
}

function isCategory(value: string | undefined): value is RetentionCategory {
  return (RETENTION_CATEGORIES as readonly (string | undefined)[]).includes(value);
}

/** `case-data=P20Y,identity=P20Y`: the periods as RETENTION spells them (and as logs show them: a log field named
 * `identity` is redacted). */
export function formatRetention(periods: RetentionPeriods): string {
  return RETENTION_CATEGORIES.map((category) => `${category}=${periods[category]}`).join(',');
}
