import { randomBytes } from 'node:crypto';
import type { PortalFields } from './portal-options';

/**
 * One `multipart/form-data` request as bytes around the file: the head (the
 * case field and the file part's headers) and the tail (closing boundary).
 * Built by hand, not by FormData, so the exact request size is known before
 * anything is sent and the file can be streamed from disk.
 */
export interface MultipartPlan {
  contentType: string;
  head: Buffer;
  tail: Buffer;
  fileSize: number;
  /** Exactly what goes into Content-Length. */
  contentLength: number;
}

// The HTML form encoding escapes these in names and file names (WHATWG "multipart/form-data encoding algorithm").
function escapeName(name: string): string {
  return name.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

export function newBoundary(): string {
  // 24 random bytes make a boundary that cannot plausibly occur in a part.
  return `----casekit-${randomBytes(24).toString('hex')}`;
}

export function planMultipart(
  fields: PortalFields,
  caseNumber: string,
  fileName: string,
  fileSize: number,
  boundary: string = newBoundary(),
): MultipartPlan {
  const head = Buffer.from(
    `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="${escapeName(fields.case)}"\r\n\r\n` +
      `${caseNumber}\r\n` +
      `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="${escapeName(fields.file)}"; filename="${escapeName(fileName)}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    head,
    tail,
    fileSize,
    contentLength: head.length + fileSize + tail.length,
  };
}

/** The bytes the form adds around a file: a file may be at most `limit` minus this. */
export function multipartOverhead(fields: PortalFields, caseNumber: string, fileName: string): number {
  const plan = planMultipart(fields, caseNumber, fileName, 0);
  return plan.contentLength;
}
