import type { IncomingMessage, ServerResponse } from 'node:http';

/** Headers every answer carries: nothing is cached, framed, sniffed or referred on. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': contentType, ...extra });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new BodyTooLargeError(`Request body over ${limit} bytes.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Shown to a browser that arrives without the token; names no secret. */
export const NO_TOKEN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Casekit: access token needed</title></head>
<body>
<h1>Casekit: access token needed</h1>
<p>This Casekit server only answers the address it printed when it started, which carries an access token
(<code>http://127.0.0.1:PORT/?token=…</code>). Open that address, or restart <code>casekit serve</code> for a new one.</p>
<p lang="pl">Ten serwer Casekit odpowiada tylko pod adresem wypisanym przy starcie, który zawiera token dostępu.
Otwórz ten adres albo uruchom ponownie <code>casekit serve</code>, aby dostać nowy.</p>
</body></html>
`;
