import { humanList } from './fields.js';
import { str } from './http.js';
import { parseList } from './php-query.js';

/** Collects WordPress schema-validation messages, keyed by param, for one `rest_invalid_param` reply. */
export class ParamErrors {
  readonly errors: Record<string, string> = {};

  get any(): boolean {
    return Object.keys(this.errors).length > 0;
  }

  add(name: string, message: string): void {
    this.errors[name] ??= message;
  }

  integer(name: string, value: unknown, min?: number, max?: number): number | undefined {
    if (value === undefined || value === '') return undefined;
    const n = typeof value === 'number' ? value : /^-?\d+$/.test(str(value).trim()) ? Number(value) : NaN;
    if (!Number.isInteger(n)) {
      this.add(name, `${name} is not of type integer.`);
      return undefined;
    }
    if (min !== undefined && max !== undefined && (n < min || n > max)) {
      this.add(name, `${name} must be between ${min} (inclusive) and ${max} (inclusive)`);
    } else if (min !== undefined && n < min) {
      this.add(name, `${name} must be greater than or equal to ${min}`);
    }
    return n;
  }

  oneOf(name: string, value: unknown, allowed: string[]): string | undefined {
    if (value === undefined) return undefined;
    const s = str(value);
    if (!allowed.includes(s)) this.add(name, `${name} is not one of ${humanList(allowed)}.`);
    return s;
  }

  listOneOf(name: string, value: unknown, allowed: string[]): string[] {
    const list = parseList(value);
    list.forEach((item, i) => {
      if (!allowed.includes(item)) this.add(name, `${name}[${i}] is not one of ${humanList(allowed)}.`);
    });
    return list;
  }

  integerList(name: string, value: unknown): number[] {
    return parseList(value).map((item, i) => {
      if (!/^\d+$/.test(item)) this.add(name, `${name}[${i}] is not of type integer.`);
      return Number(item);
    });
  }
}
