import type { Config } from '../config.js';
import type { GraphApi } from './graph-api.js';
import { createGraphClient } from './graph-client.js';
import { createGraphCredential } from './graph-credential.js';

/** The Graph client the configuration describes (credential, base URL, timeout, retries). */
export function graphFromConfig(config: Config): GraphApi {
  return createGraphClient({
    baseUrl: config.GRAPH_BASE_URL,
    credential: createGraphCredential(config),
    timeoutMs: config.GRAPH_TIMEOUT_MS,
    maxRetries: config.GRAPH_MAX_RETRIES,
  });
}
