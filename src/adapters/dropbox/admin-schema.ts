import { z } from 'zod';

/**
 * The drop-box's admin-action queue as the daemon sees it (docs/dropbox-api.md §3). An action is what a shop
 * owner asked for in wp-admin; the daemon carries it out and reports the outcome.
 */
export const AdminAction = z.discriminatedUnion('action', [
  z.object({
    id: z.coerce.number().int().positive(),
    action: z.literal('assign'),
    code: z.string().min(1).max(120),
    order_id: z.coerce.number().int().positive(),
    requested_by: z.string().max(120).default(''),
    requested_at: z.string().nullish(),
  }),
  z.object({
    id: z.coerce.number().int().positive(),
    action: z.literal('dismiss'),
    code: z.string().min(1).max(120),
    reason: z.string().min(1).max(500),
    requested_by: z.string().max(120).default(''),
    requested_at: z.string().nullish(),
  }),
]);
export type AdminAction = z.infer<typeof AdminAction>;

export const ActionsPage = z.object({ actions: z.array(z.unknown()) });

export interface ActionReport {
  status: 'done' | 'failed';
  detail: string;
}

export const ReportReply = z.object({ id: z.number(), status: z.string(), changed: z.boolean() });
export type ReportReply = z.infer<typeof ReportReply>;

export const PublishReply = z.object({ stored: z.number(), bytes: z.number() });
export type PublishReply = z.infer<typeof PublishReply>;
