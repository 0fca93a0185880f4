// Token endpoints for the local Graph server, so @azure/identity runs its real code offline:
// an Entra-like authority (client-secret credential with AZURE_AUTHORITY_HOST) and an
// App Service managed-identity endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER).
import { randomBytes } from 'node:crypto';
import type { RouteResult } from './fake-graph-routes.js';

/** Credentials the fake identity service accepts, and the tokens it has issued. */
export interface IdentityState {
  origin: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The secret App Service puts in IDENTITY_HEADER. */
  identityHeader: string;
  issued: Set<string>;
  /** Token requests served, by kind. */
  counts: { clientSecret: number; managedIdentity: number };
}

function issue(state: IdentityState): string {
  const token = `fake-${randomBytes(16).toString('hex')}`;
  state.issued.add(token);
  return token;
}

const oauthError = (status: number, error: string, description: string): RouteResult => ({
  status,
  body: { error, error_description: description },
});

/** Serves a token request, or returns null when `path` is not an identity endpoint. */
export function identityRoute(
  state: IdentityState,
  method: string,
  path: string,
  query: URLSearchParams,
  headers: Record<string, string | undefined>,
  form: URLSearchParams,
): RouteResult | null {
  const t = state.tenantId;
  if (method === 'GET' && path === `/${t}/v2.0/.well-known/openid-configuration`) {
    return {
      status: 200,
      body: {
        issuer: `${state.origin}/${t}/v2.0`,
        authorization_endpoint: `${state.origin}/${t}/oauth2/v2.0/authorize`,
        token_endpoint: `${state.origin}/${t}/oauth2/v2.0/token`,
        end_session_endpoint: `${state.origin}/${t}/oauth2/v2.0/logout`,
        jwks_uri: `${state.origin}/${t}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'token'],
      },
    };
  }
  if (method === 'POST' && path === `/${t}/oauth2/v2.0/token`) {
    if (form.get('grant_type') !== 'client_credentials')
      return oauthError(400, 'unsupported_grant_type', 'AADSTS70003: only client_credentials here.');
    if (form.get('client_id') !== state.clientId || form.get('client_secret') !== state.clientSecret) {
      return oauthError(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    }
    state.counts.clientSecret++;
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: issue(state) } };
  }
  if (method === 'GET' && path === '/msi/token') {
    if (headers['x-identity-header'] !== state.identityHeader)
      return oauthError(401, 'invalid_request', 'Missing or wrong X-IDENTITY-HEADER.');
    const resource = query.get('resource');
    if (!resource) return oauthError(400, 'invalid_request', 'resource is required.');
    state.counts.managedIdentity++;
    return {
      status: 200,
      body: {
        access_token: issue(state),
        expires_on: String(Math.floor(Date.now() / 1000) + 3600),
        resource,
        token_type: 'Bearer',
        client_id: query.get('client_id') ?? state.clientId,
      },
    };
  }
  return null;
}
