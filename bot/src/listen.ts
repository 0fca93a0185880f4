import type { RequestListener, Server } from 'node:http';
import { createServer } from 'node:http';
import { AppError } from './errors.js';

/** Why a port could not be opened, in words that say what to do. */
function listenProblem(e: NodeJS.ErrnoException, port: number, host: string | undefined, portVariable: string): AppError | undefined {
  const where = host ? `${host}:${port}` : `port ${port}`;
  if (e.code === 'EADDRINUSE') return new AppError('config', `port ${port} is in use — stop the other copy or set ${portVariable}`);
  if (e.code === 'EACCES')
    return new AppError('config', `${where} needs special permission to open — choose a port above 1023 with ${portVariable}`);
  if (e.code === 'EADDRNOTAVAIL')
    return new AppError('config', `HOST ${host} is not an address of this machine — remove HOST or set it to one`);
  return undefined;
}

/**
 * Serves `app` on `port` at `host` (undefined: every interface) and
 * resolves once it is really listening. A busy or forbidden port rejects
 * with an AppError('config') saying what to do (naming `portVariable`,
 * default PORT), so the caller can exit non-zero before starting anything else.
 */
export function listen(app: RequestListener, port: number, host: string | undefined, portVariable = 'PORT'): Promise<Server> {
  const server = createServer(app);
  return new Promise((resolve, reject) => {
    const fail = (e: NodeJS.ErrnoException) => reject(listenProblem(e, port, host, portVariable) ?? e);
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve(server);
    });
  });
}
