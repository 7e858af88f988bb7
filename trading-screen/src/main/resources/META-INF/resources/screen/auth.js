// Signing a person in at the issuer: the authorization code grant with PKCE (S256), as a public client (no secret).
// The access token lives in this tab's sessionStorage; the issuer issues no refresh token to a browser client, so
// when the token runs out the person is sent through authorize again (no password while the issuer's session lasts).

const SESSION = 'bourse.session';
const PENDING = 'bourse.login';
const CALLBACK_PATH = '/login/callback';
// Sent back to the issuer this long before the token expires, so that streams never run on a refused token.
const RENEW_BEFORE_MS = 20000;

let config = null;
let session = null;
let renewTimer = null;

const base64url = (bytes) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const randomString = (length) => base64url(crypto.getRandomValues(new Uint8Array(length)));

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(digest);
}

/** The claims of a JWT, read without checking it: the services check it; this only shows who is signed in. */
export function claimsOf(jwt) {
  const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const text = new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)));
  return JSON.parse(text);
}

const redirectUri = () => window.location.origin + CALLBACK_PATH;

export function init(screenConfig) {
  config = screenConfig;
  try {
    session = JSON.parse(sessionStorage.getItem(SESSION));
  } catch {
    session = null;
  }
  if (session && session.expiresAt <= Date.now()) {
    session = null;
    sessionStorage.removeItem(SESSION);
  }
}

/** Sends the browser to the issuer's authorize endpoint; it comes back to /login/callback with a code. */
export async function signIn(returnTo = window.location.pathname + window.location.search + window.location.hash) {
  const verifier = randomString(48);
  const state = randomString(24);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid profile',
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  });
  window.location.assign(`${config.issuer}/oauth2/authorize?${query}`);
}

/**
 * On /login/callback: checks the state, exchanges the code for tokens and goes back where the person was.
 * Answers null when this is not the callback, or throws with what went wrong.
 */
export async function completeSignIn() {
  if (window.location.pathname !== CALLBACK_PATH) return null;
  const answer = new URLSearchParams(window.location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  if (answer.has('error')) {
    throw new Error(`the issuer refused: ${answer.get('error')} ${answer.get('error_description') || ''}`.trim());
  }
  if (!pending || !answer.get('state') || answer.get('state') !== pending.state) {
    throw new Error('this sign-in was not started here (its state does not match); sign in again');
  }
  const response = await fetch(`${config.issuer}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: answer.get('code'),
      redirect_uri: redirectUri(),
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const tokens = await response.json().catch(() => ({}));
  if (!response.ok || !tokens.access_token) {
    throw new Error(`no token from the issuer: ${tokens.error || response.status} ${tokens.error_description || ''}`);
  }
  const claims = claimsOf(tokens.access_token);
  session = {
    accessToken: tokens.access_token,
    idToken: tokens.id_token || null,
    expiresAt: claims.exp ? claims.exp * 1000 : Date.now() + (tokens.expires_in || 300) * 1000,
  };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  const back = pending.returnTo && !pending.returnTo.startsWith(CALLBACK_PATH) ? pending.returnTo : '/';
  window.history.replaceState(null, '', back);
  return session;
}

export const signedIn = () => session !== null && session.expiresAt > Date.now();

export const token = () => (session ? session.accessToken : '');

/** The person: subject, roles (from the token's roles claim) and when the token expires. */
export function person() {
  if (!session) return null;
  const claims = claimsOf(session.accessToken);
  const roles = Array.isArray(claims.roles) ? claims.roles : [];
  return { subject: claims.sub, roles, expiresAt: session.expiresAt };
}

export const isOperator = () => {
  const who = person();
  return who !== null && (who.roles.includes('operator') || who.roles.includes('admin'));
};

/** Calls renew() shortly before the token expires. */
export function whenExpiring(renew) {
  clearTimeout(renewTimer);
  if (!session) return;
  renewTimer = setTimeout(renew, Math.max(0, session.expiresAt - Date.now() - RENEW_BEFORE_MS));
}

/** The token was refused or is running out: forget it and go through authorize again. */
export function renew() {
  session = null;
  sessionStorage.removeItem(SESSION);
  return signIn();
}

/** Forgets the token here and ends the person's session at the issuer, which sends the browser back to the screen. */
export function signOut() {
  const idToken = session && session.idToken;
  session = null;
  sessionStorage.removeItem(SESSION);
  clearTimeout(renewTimer);
  if (!idToken) {
    window.location.assign('/');
    return;
  }
  const query = new URLSearchParams({
    id_token_hint: idToken,
    client_id: config.clientId,
    post_logout_redirect_uri: `${window.location.origin}/`,
  });
  window.location.assign(`${config.issuer}/connect/logout?${query}`);
}
