import { signInPage } from './oidc-issuer-pages';

describe('the sign-in page', () => {
  const page = (extra = {}) =>
    signInPage({
      action: '/interaction/abc',
      clientName: 'Doorloop',
      users: [{ username: 'demo"><script>x</script>', displayName: 'Demo <b>Naam</b>', role: 'partner' }],
      ...extra,
    });

  it('is Dutch, titled, and labels its field', () => {
    const html = page();
    expect(html).toContain('<html lang="nl">');
    expect(html).toMatch(/<title>Inloggen – Doorloop<\/title>/);
    expect(html).toMatch(/<label for="username">Gebruikersnaam<\/label>\s*<input id="username" name="username"/);
    expect(html).toContain('ketenpartner');
  });

  it('escapes what comes from the users table and from the user', () => {
    const html = page({ username: '<img src=x>', error: 'Geen gebruiker "<img src=x>"' });
    expect(html).not.toContain('<script>x</script>');
    expect(html).not.toContain('<b>Naam</b>');
    expect(html).not.toContain('<img src=x>');
    expect(html).toContain('Demo &lt;b&gt;Naam&lt;/b&gt;');
  });

  it('ties an error to the field and announces it', () => {
    const html = page({ error: 'Vul een gebruikersnaam in.' });
    expect(html).toContain('<p class="error" id="gebruikersnaam-fout" role="alert">Vul een gebruikersnaam in.</p>');
    expect(html).toContain('aria-invalid="true" aria-describedby="gebruikersnaam-fout"');
  });
});
