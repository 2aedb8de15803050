import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { IncomingSms } from '../core/sms/types.js';
import { DataError, IoError } from '../errors.js';

/** One SMS as SMSsync posts it; every value may arrive as a string. */
const SmsSyncMessage = z.looseObject({
  from: z.string(),
  message: z.string(),
  sent_timestamp: z.union([z.string().regex(/^\d{12,14}$/, 'expected epoch milliseconds (13 digits), as SMSsync sends'), z.number().int().min(1e11).max(1e14)]).transform(String),
  message_id: z.union([z.string().min(1), z.number()]).transform(String),
  sent_to: z.string().nullish().transform((v) => v ?? ''),
  device_id: z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined ? '' : String(v))),
});

/** Reads a JSON array file, naming the file and the problem on failure. */
export async function readJsonArray(file: string, cwd: string, what: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    // A file that is missing or unreadable is a local I/O problem (74), not bad data (65): README → Exit codes.
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : code;
    throw new IoError(`${what} file ${file}: cannot read it (${why})`, { cause: error, hint: `check the path (relative to ${cwd}) and that this user may read it` });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataError(`${what} file ${file}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (!Array.isArray(data)) throw new DataError(`${what} file ${file}: expected a JSON array of ${what}`);
  return data as unknown[];
}

/** A messages file in the SMSsync shape (`from`, `message`, `sent_timestamp`, `message_id`, …). */
export async function readMessagesFile(file: string, cwd: string): Promise<IncomingSms[]> {
  const raw = await readJsonArray(file, cwd, 'messages');
  return raw.map((item, i) => {
    const r = SmsSyncMessage.safeParse(item);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new DataError(`messages file ${file}: messages[${i}]: ${issue?.path.join('.') || '(message)'}: ${issue?.message ?? 'invalid'}`, {
        hint: 'each message needs from, message, sent_timestamp (epoch ms) and message_id, as SMSsync posts them',
      });
    }
    const d = r.data;
    return { message_id: d.message_id, from: d.from, message: d.message, sent_timestamp: d.sent_timestamp, sent_to: d.sent_to, device_id: d.device_id };
  });
}
