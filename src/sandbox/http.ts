import type { IncomingHttpHeaders } from 'node:http';
import { parsePhpQuery, type PhpValue } from './php-query.js';

/** One incoming request, already read, with the WordPress REST route it addresses ('' if none). */
export interface SandboxRequest {
  method: string;
  path: string;
  route: string;
  rawQuery: string;
  query: Record<string, PhpValue>;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Reply {
  status: number;
  headers?: Record<string, string | string[]>;
  /** JSON-serialised unless `raw` is set. */
  json?: unknown;
  raw?: { contentType: string; text: string };
}

export function json(status: number, body: unknown, headers?: Record<string, string | string[]>): Reply {
  return headers ? { status, json: body, headers } : { status, json: body };
}

/** WordPress's error shape: `{code, message, data: {status, ...}}`. */
export function wpError(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Reply {
  return json(status, { code, message, data: { status, ...extra } });
}

/** WordPress's `rest_invalid_param` for one or more bad params (validation runs before permission checks). */
export function invalidParams(params: Record<string, string>): Reply {
  const names = Object.keys(params).join(', ');
  return wpError(400, 'rest_invalid_param', `Invalid parameter(s): ${names}`, { params });
}

export function missingParams(names: string[]): Reply {
  return wpError(400, 'rest_missing_callback_param', `Missing parameter(s): ${names.join(', ')}`, { params: names });
}

export function mediaType(headers: IncomingHttpHeaders): string {
  return (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export type BodyParams = { ok: true; params: Record<string, unknown> } | { ok: false; reply: Reply };

/**
 * Body params the way `WP_REST_Request` gets them: JSON only when the content type says JSON; a body with
 * no or a form content type is parsed as a form (so a JSON body labelled as a form yields junk keys and the
 * update silently does nothing); any other content type contributes nothing.
 */
export function wpBodyParams(req: SandboxRequest): BodyParams {
  const type = mediaType(req.headers);
  const text = req.body.toString('utf8');
  if (type === 'application/json' || type.endsWith('+json')) {
    if (text.trim() === '') return { ok: true, params: {} };
    try {
      const parsed: unknown = JSON.parse(text);
      const params = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
      return { ok: true, params };
    } catch (error) {
      return {
        ok: false,
        reply: wpError(400, 'rest_invalid_json', 'Invalid JSON body passed.', {
          json_error_code: 4,
          json_error_message: error instanceof Error ? error.message : 'Syntax error',
        }),
      };
    }
  }
  if (type === '' || type === 'application/x-www-form-urlencoded') return { ok: true, params: parsePhpQuery(text) };
  return { ok: true, params: {} };
}

/** A request value as text: scalars as PHP would print them, anything else as JSON. */
export function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

/** WordPress's `rest_sanitize_boolean`. */
export function toBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return !['', '0', 'false'].includes(value.toLowerCase());
  return Boolean(value);
}
