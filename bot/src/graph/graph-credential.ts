import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { AppError } from '../errors.js';

/** The configuration a Graph credential is built from (a slice of `Config`). */
export interface GraphCredentialConfig {
  GRAPH_TENANT_ID?: string | undefined;
  GRAPH_CLIENT_ID?: string | undefined;
  GRAPH_CLIENT_SECRET?: string | undefined;
  GRAPH_CLIENT_CERTIFICATE_PATH?: string | undefined;
  AZURE_AUTHORITY_HOST?: string | undefined;
}

/** Which kind of credential `createGraphCredential` chose, for start-up logs (never the secret). */
type GraphCredentialKind = 'client-secret' | 'certificate' | 'managed-identity' | 'user-assigned-managed-identity';

/** The kind of credential the configuration selects. */
function graphCredentialKind(c: GraphCredentialConfig): GraphCredentialKind {
  if (c.GRAPH_CLIENT_SECRET) return 'client-secret';
  if (c.GRAPH_CLIENT_CERTIFICATE_PATH) return 'certificate';
  return c.GRAPH_CLIENT_ID ? 'user-assigned-managed-identity' : 'managed-identity';
}

/**
 * App-only credential for Graph: a client secret when GRAPH_CLIENT_SECRET is
 * set, else a certificate when GRAPH_CLIENT_CERTIFICATE_PATH is set, else the
 * host's managed identity (user-assigned when GRAPH_CLIENT_ID is given). With
 * a custom AZURE_AUTHORITY_HOST instance discovery is switched off, because it
 * would ask the public login host first and fail offline.
 */
export function createGraphCredential(c: GraphCredentialConfig): TokenCredential {
  const kind = graphCredentialKind(c);
  if (kind === 'managed-identity') return new ManagedIdentityCredential();
  if (kind === 'user-assigned-managed-identity') return new ManagedIdentityCredential({ clientId: c.GRAPH_CLIENT_ID! });
  if (!c.GRAPH_TENANT_ID || !c.GRAPH_CLIENT_ID) {
    throw new AppError(
      'config',
      `GRAPH_TENANT_ID and GRAPH_CLIENT_ID must be set to sign in with a ${kind === 'certificate' ? 'certificate' : 'client secret'}.`,
    );
  }
  const options = c.AZURE_AUTHORITY_HOST ? { authorityHost: c.AZURE_AUTHORITY_HOST, disableInstanceDiscovery: true } : {};
  if (kind === 'client-secret') return new ClientSecretCredential(c.GRAPH_TENANT_ID, c.GRAPH_CLIENT_ID, c.GRAPH_CLIENT_SECRET!, options);
  return new ClientCertificateCredential(
    c.GRAPH_TENANT_ID,
    c.GRAPH_CLIENT_ID,
    { certificatePath: c.GRAPH_CLIENT_CERTIFICATE_PATH! },
    options,
  );
}
