import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedTlsOptions } from '../../electron/core/ship/portal/pinned-tls';
import { probeHttpsCertificate } from '../../electron/core/ship/jobs/tls-probe';
import { selfSignedCert } from '../support/portal/self-signed-cert';

// The portal's agent with a pinned certificate, against a real https server on 127.0.0.1.
let server: https.Server;
let url: URL;
let served: { key: string; cert: string };
let other: { key: string; cert: string };

beforeAll(async () => {
  served = await selfSignedCert();
  other = await selfSignedCert();
  server = https.createServer(served, (_req, res) => res.end('stored'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}/upload`);
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function get(options: https.AgentOptions): Promise<string> {
  const agent = new https.Agent(options);
  return new Promise<string>((resolve, reject) => {
    https
      .get(url, { agent }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(body));
      })
      .on('error', (error: NodeJS.ErrnoException) => reject(error));
  }).finally(() => agent.destroy());
}

const fingerprintOf = (pem: string) => `SHA256:${new X509Certificate(pem).fingerprint256}`;

describe('the portal agent with a pinned certificate', () => {
  it('probes the certificate the server presents, sending nothing else', async () => {
    const seen = await probeHttpsCertificate(url);
    expect(seen.fingerprint).toBe(fingerprintOf(served.cert));
    expect(seen.subjectName).toBe('CN=127.0.0.1');
    expect(new X509Certificate(seen.pem).fingerprint256).toBe(new X509Certificate(served.cert).fingerprint256);
    expect(Date.parse(seen.validTo)).toBeGreaterThan(Date.now());
  });

  it('refuses the self-signed certificate without a pin, and with the pin of another certificate', async () => {
    await expect(get(pinnedTlsOptions({}))).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    await expect(
      get(pinnedTlsOptions({ trustedCertificate: fingerprintOf(other.cert), caCertificates: [other.cert] })),
    ).rejects.toThrow();
  });

  it('accepts exactly the pinned certificate', async () => {
    const seen = await probeHttpsCertificate(url);
    expect(await get(pinnedTlsOptions({ trustedCertificate: seen.fingerprint, caCertificates: [seen.pem] }))).toBe(
      'stored',
    );
  });
});
