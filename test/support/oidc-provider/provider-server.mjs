// A real OpenID Connect provider (npm oidc-provider, ESM) on loopback for the SSO tests, run as a child
// process by test/support/oidc-provider.ts. Its settings come as JSON in OIDC_TEST_SETTINGS: clients,
// accounts (sub, email, email_verified, password, amr) and, to play an impostor, an issuer other
// than its own address. It prints one line, {"issuer":…,"port":…}, once it listens.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.env.OIDC_TEST_SETTINGS ?? '{}');
const accounts = settings.accounts ?? [];
const lastSignedIn = new Map();
const accountOf = (sub) => lastSignedIn.get(sub) ?? accounts.find((candidate) => candidate.sub === sub);
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const server = createServer();
await new Promise((resolve) => server.listen(settings.port ?? 0, '127.0.0.1', resolve));
const port = server.address().port;
const issuer = settings.issuer ?? `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: settings.clients ?? [],
  // The subject is the account id; two accounts may share one (a test of identity links): the one that
  // signed in last speaks for it. An account may keep its e-mail for userinfo, out of the ID token.
  findAccount: (_ctx, accountId) => {
    const account = accountOf(accountId);
    if (!account) return undefined;
    return {
      accountId,
      claims: (use) =>
        account.emailOnlyAtUserinfo && use === 'id_token'
          ? { sub: account.sub }
          : { sub: account.sub, email: account.email, email_verified: account.email_verified },
    };
  },
  // amr in the ID token, as providers that report a second factor send it.
  claims: { openid: ['sub', 'acr', 'amr', 'auth_time'], email: ['email', 'email_verified'] },
  // As Google and Entra ID do: the e-mail claims in the ID token itself, not only at userinfo.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  pkce: { required: () => true },
  cookies: { keys: ['oidc-test-provider-cookie-key'] },
  // An account may have codes that expire sooner, for a test of an expired code.
  ttl: {
    AuthorizationCode: (_ctx, code) =>
      accountOf(code.accountId)?.codeTtlSeconds ?? settings.codeTtlSeconds ?? 60,
  },
  // Consent is not what these tests are about: every client gets the scopes it asks for.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});
provider.on('server_error', (_ctx, error) => console.error('oidc-provider server_error', error));

function loginPage(uid, problem) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in · Test identity provider</title>
<style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}label{display:block;margin-top:1rem}
input{display:block;width:100%;padding:.5rem;font-size:1rem}
button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}
.problem{color:#a00000}</style></head><body><main><h1>Test identity provider</h1><p>Sign in to continue to Vetmeet.</p>
${problem ? `<p class="problem" role="alert">${escape(problem)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}"><label for="email">Work e-mail</label>
<input id="email" name="email" type="email" autocomplete="username" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form></main></body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const handle = provider.callback();
server.on('request', async (req, res) => {
  const interaction = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '');
  if (!interaction) return handle(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid));
      return;
    }
    const form = await readForm(req);
    const account = accounts.find(
      (candidate) => candidate.email === form.get('email') && candidate.password === form.get('password'),
    );
    if (!account) {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(loginPage(details.uid, 'E-mail or password is not right.'));
      return;
    }
    lastSignedIn.set(account.sub, account);
    const login = { accountId: account.sub, amr: account.amr ?? ['pwd'], ...(account.acr ? { acr: account.acr } : {}) };
    await provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end(String(error?.message ?? error));
  }
});

process.stdout.write(`${JSON.stringify({ issuer, port })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
