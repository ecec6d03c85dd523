/**
 * The pages of the local OIDC issuer, in Dutch: sign in (by username, no password: development only), sign out, and
 * errors. Plain HTML with one small stylesheet, built to pass axe (WCAG 2.1 AA): `lang="nl"`, a title, one main
 * landmark with one h1, a label for every field, errors announced and tied to their field, strong contrast.
 */

export interface SignInUser {
  username: string;
  displayName: string;
  role: string;
}

export interface SignInPage {
  /** Where the form posts to. */
  action: string;
  /** Name of the application asking (the client). */
  clientName: string;
  users: readonly SignInUser[];
  /** The username typed last time, when it was refused. */
  username?: string;
  error?: string;
}

/** Content-Security-Policy of these pages: nothing but their own inline style; forms post here and may redirect on. */
export function pageSecurityHeaders(formTargets: readonly string[]): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'none'",
      "style-src 'unsafe-inline'",
      `form-action 'self' ${formTargets.join(' ')}`.trim(),
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

const ROLE_NAMES: Record<string, string> = {
  coordinator: 'zorgcoördinator',
  partner: 'ketenpartner',
  director: 'directeur',
  admin: 'functioneel beheerder',
  auditor: 'auditor',
};

export function signInPage(page: SignInPage): string {
  const errorId = 'gebruikersnaam-fout';
  const invalid = page.error ? ` aria-invalid="true" aria-describedby="${errorId}"` : '';
  const users = page.users
    .map(
      (user) =>
        `<li><button type="submit" name="username" value="${escape(user.username)}">` +
        `${escape(user.displayName)} <span class="meta">(${escape(user.username)}, ${escape(ROLE_NAMES[user.role] ?? user.role)})</span>` +
        `</button></li>`,
    )
    .join('\n          ');
  return layout(
    'Inloggen',
    `
      <h1>Inloggen bij ${escape(page.clientName)}</h1>
      <p class="notice">Lokale testomgeving: u logt in met alleen een gebruikersnaam, zonder wachtwoord.
        Gebruik dit nooit met echte gegevens.</p>
      ${page.error ? `<p class="error" id="${errorId}" role="alert">${escape(page.error)}</p>` : ''}
      <form method="post" action="${escape(page.action)}">
        <label for="username">Gebruikersnaam</label>
        <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none"
          spellcheck="false" required value="${escape(page.username ?? '')}"${invalid}>
        <button type="submit">Inloggen</button>
      </form>
      ${
        users
          ? `<section aria-labelledby="demo-gebruikers">
        <h2 id="demo-gebruikers">Of kies een gebruiker</h2>
        <form method="post" action="${escape(page.action)}">
          <ul class="users">
          ${users}
          </ul>
        </form>
      </section>`
          : ''
      }`,
  );
}

/** RP-initiated logout: `form` is the provider's hidden form (id `op.logoutForm`) the buttons submit. */
export function signOutPage(form: string): string {
  return layout(
    'Uitloggen',
    `
      <h1>Wilt u uitloggen?</h1>
      ${form}
      <div class="actions">
        <button type="submit" form="op.logoutForm" name="logout" value="yes">Ja, uitloggen</button>
        <button type="submit" form="op.logoutForm" class="secondary">Nee, ingelogd blijven</button>
      </div>`,
  );
}

export function signedOutPage(): string {
  return layout('Uitgelogd', `<h1>U bent uitgelogd</h1><p>U kunt dit venster sluiten.</p>`);
}

export function errorPage(error: string, description: string | undefined): string {
  return layout(
    'Er ging iets mis',
    `
      <h1>Er ging iets mis bij het inloggen</h1>
      <p>Ga terug naar de applicatie en probeer het opnieuw.</p>
      <p class="meta">Foutcode: <code>${escape(error)}</code>${description ? ` — ${escape(description)}` : ''}</p>`,
  );
}

function layout(title: string, main: string): string {
  return `<!DOCTYPE html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escape(title)} – Doorloop</title>
  <style>
    body { font-family: system-ui, sans-serif; font-size: 1.125rem; line-height: 1.5; color: #1a1a1a; background: #fff;
      margin: 0; }
    main { max-width: 36rem; margin: 2rem auto; padding: 0 1rem; }
    h1 { font-size: 1.75rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
    label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
    input { font: inherit; padding: 0.5rem; border: 2px solid #1a1a1a; border-radius: 4px; width: 100%;
      box-sizing: border-box; margin-bottom: 0.75rem; }
    button { font: inherit; padding: 0.5rem 1rem; border: 2px solid #0b4f8a; border-radius: 4px; background: #0b4f8a;
      color: #fff; cursor: pointer; }
    button.secondary, .users button { background: #fff; color: #0b4f8a; }
    button:focus-visible, input:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
    .users { list-style: none; padding: 0; } .users li { margin-bottom: 0.5rem; }
    .users button { width: 100%; text-align: left; }
    .meta { color: #4a4a4a; font-size: 1rem; } .users button .meta { color: #0b4f8a; }
    .notice { background: #fff4d6; border-left: 4px solid #b35c00; padding: 0.5rem 0.75rem; }
    .error { color: #a30000; font-weight: 600; }
    .actions { display: flex; gap: 0.75rem; flex-wrap: wrap; }
  </style>
</head>
<body>
  <main>${main}
  </main>
</body>
</html>`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}
