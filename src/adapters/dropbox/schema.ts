import { z } from 'zod';

/** The drop-box daemon API's answers (docs/dropbox-api.md): only the fields used, extra keys allowed. */
const text = z.union([z.string(), z.number()]).transform(String);

export const DropboxMessage = z.object({
  id: z.coerce.number().int().positive(),
  message_id: z.string().min(1),
  from: z.string(),
  message: z.string(),
  sent_timestamp: text,
  sent_to: z.string().nullish().transform((v) => v ?? ''),
  device_id: z.string().nullish().transform((v) => v ?? ''),
  received_at: z.string(),
  /** Set by a plugin that cut an oversized SMS before storing it (it saw the original). */
  truncated: z.object({ original_bytes: z.coerce.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).nullish(),
});
export type DropboxMessage = z.infer<typeof DropboxMessage>;

export const MessagesPage = z.object({
  messages: z.array(z.unknown()),
  next_after: z.coerce.number().int().nonnegative(),
  has_more: z.boolean(),
  pending_actions: z.number().int().nonnegative().optional(),
  /** The signal file's current nonce (plugins with a signal file); compared with the file to spot a stale copy. */
  signal_nonce: z.string().nullish(),
  /** When a customer last typed a payment code on an order page (plugin 1.1+); absent on older plugins. */
  last_code_at: z.string().nullish().transform((v) => v ?? null),
});

export const DropboxHealth = z.object({
  plugin_version: z.string(),
  now: z.string().optional(),
  last_sms_at: z.string().nullable(),
  last_poll_at: z.string().nullable(),
  outbox_size: z.number(),
  stored: z.number().optional(),
  dropped: z.number().optional(),
  last_id: z.number().optional(),
  /** Plugins with a signal file: where it is served (null when it cannot be written, with the reason). */
  signal: z.object({ url: z.string().nullable(), nonce: z.string().nullable(), error: z.string().nullable() }).optional(),
});
export type DropboxHealth = z.infer<typeof DropboxHealth>;
