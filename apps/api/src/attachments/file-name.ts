const MAX_FILE_NAME_LENGTH = 255;
const FALLBACK_NAME = 'attachment';

/**
 * The name an uploaded file is kept under, for showing back only (storage keys are UUIDs).
 * Drops any folder part, control and format characters (a right-to-left override makes
 * "gpj.exe" read as "exe.jpg"), and caps the length.
 */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .trim();
  const capped = Array.from(cleaned).slice(0, MAX_FILE_NAME_LENGTH).join('');
  return capped === '' || capped === '.' || capped === '..' ? FALLBACK_NAME : capped;
}

/**
 * A Content-Disposition header that no file name can break out of: an ASCII-only quoted
 * fallback for old clients, and the exact name percent-encoded in filename* (RFC 6266).
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\%;]/g, '_')
    .trim();
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii || FALLBACK_NAME}"; filename*=UTF-8''${encoded}`;
}
