import { parseList } from './php-query.js';

/**
 * `_fields`: keeps only the listed top-level or dotted nested keys (`billing.phone`). `id` is always kept;
 * `_links` only when asked for, as WordPress does since 5.4.
 */
export function filterFields(item: Record<string, unknown>, fieldsParam: unknown): Record<string, unknown> {
  const fields = parseList(fieldsParam);
  if (fields.length === 0) return item;
  const wanted = new Set(['id', ...fields]);
  const out: Record<string, unknown> = {};
  for (const field of wanted) copyPath(item, out, field.split('.'));
  return out;
}

function copyPath(from: Record<string, unknown>, to: Record<string, unknown>, path: string[]): void {
  const [head, ...rest] = path;
  if (head === undefined || !(head in from)) return;
  const value = from[head];
  if (rest.length === 0) {
    to[head] = value;
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  const child = (to[head] as Record<string, unknown> | undefined) ?? {};
  to[head] = child;
  copyPath(value as Record<string, unknown>, child, rest);
}

/** WordPress's `%l` list format for enum messages: "a, b, and c". */
export function humanList(items: string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;
}
