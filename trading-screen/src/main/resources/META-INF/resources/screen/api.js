// The REST API of the three services, called with the person's token. Errors are RFC 9457 problems.
import * as auth from './auth.js';
import * as state from './state.js';
import { openStream } from './stream.js';

let services = { order: '', portfolio: '', settlement: '' };

export function init(config) {
  services = { ...services, ...config.services };
}

export const serviceUrl = (service) => services[service] || '';

/** An answer that is not 2xx: its status and problem document (type, title, detail, errors [{field, message}]). */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** The problem's code: the last part of urn:bourse:problem:<code>. */
  get code() {
    const type = this.problem.type || '';
    return type.startsWith('urn:bourse:problem:') ? type.slice('urn:bourse:problem:'.length) : '';
  }

  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** Calls the service; answers the parsed JSON body (or null), with the Link header's next page when there is one. */
export async function call(service, path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', Authorization: `Bearer ${auth.token()}`, ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(serviceUrl(service) + path, init);
  } catch (error) {
    throw new ApiError(0, { title: `${service}-service is unreachable`, detail: `${service}-service is unreachable` });
  }
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (response.status === 401 && !path.startsWith('/actuator')) {
    auth.renew();
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

export const get = (service, path) => call(service, path);
export const post = (service, path, body, headers) => call(service, path, { method: 'POST', body, headers });
export const del = (service, path) => call(service, path, { method: 'DELETE' });

/** A stream of the service, with the person's current token; a refused token sends them to sign in again. */
export function stream(service, path, handlers, onState) {
  return openStream({
    url: serviceUrl(service) + path,
    token: auth.token,
    handlers,
    onState,
    onUnauthorized: () => auth.renew(),
  });
}

/**
 * Follows the chosen account with one stream at a time: whenever the account changes, the old stream closes,
 * reset(accountId) clears what the panel showed, and open(accountId) answers the new stream when there is an account.
 */
export function followAccount(reset, open) {
  let current = null;
  const follow = (accountId) => {
    if (current) current.close();
    current = null;
    reset(accountId);
    if (accountId) current = open(accountId);
  };
  state.on('accountId', follow);
  follow(state.get('accountId'));
}
