// Vitest global setup for the local Graph server: generates a throwaway certificate for
// 127.0.0.1/localhost in a temp directory and trusts it through NODE_EXTRA_CA_CERTS.
// Node reads that variable only when a process starts, so it is set here, in the main
// process, before the test workers are started (they inherit the environment).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** Writes key.pem, cert.pem and a CA bundle (any existing extra CAs kept) into a new temp directory. */
export async function makeTestTls(): Promise<{ dir: string; bundle: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'wres-graph-tls-'));
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 2 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  writeFileSync(join(dir, 'key.pem'), pems.private, { mode: 0o600 });
  writeFileSync(join(dir, 'cert.pem'), pems.cert);
  const existing = process.env.NODE_EXTRA_CA_CERTS;
  const bundle = join(dir, 'ca-bundle.pem');
  writeFileSync(bundle, `${existing && existsSync(existing) ? `${readFileSync(existing, 'utf8')}\n` : ''}${pems.cert}`);
  return { dir, bundle };
}

/** Vitest global setup: returns the teardown that deletes the key. */
export default async function setup(): Promise<() => void> {
  const { dir, bundle } = await makeTestTls();
  const before = process.env.NODE_EXTRA_CA_CERTS;
  process.env.NODE_EXTRA_CA_CERTS = bundle;
  process.env.WRES_TEST_TLS_DIR = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (before === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = before;
    delete process.env.WRES_TEST_TLS_DIR;
  };
}
