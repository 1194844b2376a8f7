/**
 * A browser's part in single sign-on, over plain HTTP: cookies kept per origin, redirects followed
 * by hand, so a test can stop at the callback (to replay it, change it, or hand it to another
 * browser) before the app sees it.
 */
export class CookieBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(url, { method: 'GET', headers });
  }

  async postForm(url: string, form: Record<string, string>): Promise<Response> {
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  private async send(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string },
  ): Promise<Response> {
    const { origin } = new URL(url);
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      ...init,
      headers: { ...init.headers, ...(cookie ? { cookie } : {}) },
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair.split('=');
      const expired = attributes.some(
        (attribute) => /^\s*expires=Thu, 01 Jan 1970/i.test(attribute) || /^\s*max-age=0\b/i.test(attribute),
      );
      if (expired || value.join('=') === '') jar.delete(name.trim());
      else jar.set(name.trim(), value.join('='));
    }
    return response;
  }
}

const locationOf = (response: Response, base: string) => {
  const location = response.headers.get('location');
  if (!location) throw new Error(`expected a redirect, got ${response.status}`);
  return new URL(location, base).href;
};

/**
 * Starts single sign-on at the app for `email`, signs in at the provider's login page (as `login`,
 * the same address unless a test signs in there as someone else), and returns the callback URL the
 * provider sends the browser to, not yet visited.
 */
export async function reachCallback(
  browser: CookieBrowser,
  appUrl: string,
  email: string,
  password: string,
  login = email,
): Promise<string> {
  const start = await browser.get(`${appUrl}/api/auth/sso/start?email=${encodeURIComponent(email)}`);
  if (start.status !== 302) throw new Error(`start answered ${start.status}: ${await start.text()}`);
  let url = locationOf(start, appUrl);
  let response = await browser.get(url);
  // The provider's authorization endpoint sends the browser to its login page.
  while (response.status >= 300 && response.status < 400 && !locationOf(response, url).startsWith(appUrl)) {
    url = locationOf(response, url);
    response = await browser.get(url);
  }
  if (response.status === 200) {
    response = await browser.postForm(url, { email: login, password });
    while (response.status >= 300 && response.status < 400 && !locationOf(response, url).startsWith(appUrl)) {
      url = locationOf(response, url);
      response = await browser.get(url);
    }
  }
  return locationOf(response, url);
}
