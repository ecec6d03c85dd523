import { Link, type LinkProps } from 'react-router';

/** A link to a page of the app, in the NL Design System's link style. */
export function TextLink(props: LinkProps) {
  return <Link {...props} className="utrecht-link" />;
}

/**
 * A link styled as a button: for where the user goes (start a trajectory, back out of a form), while a button does
 * something on the page.
 */
export function ButtonLink({
  appearance,
  ...props
}: LinkProps & { appearance: 'primary-action' | 'secondary-action' }) {
  return <Link {...props} className={`utrecht-button-link utrecht-button-link--${appearance}`} />;
}
