import type { SignalFileState } from './signal.js';
/** Public shapes of the sandbox shop: options, seeds and the records tests read from `sandbox.state`. */
export interface SandboxOrderSeed {
  id?: number;
  /** What customers see; defaults to the id (a sequential-numbers plugin would make it differ). */
  number?: string;
  status: string;
  /** Grand total in major units, e.g. `1250` or `'1250.00'`. */
  total: number | string;
  currency?: string;
  /** UTC ISO 8601. */
  createdAt: string;
  billing: { first_name: string; last_name: string; phone: string; email: string };
  customer_note?: string;
  payment_method?: string;
  transaction_id?: string;
  meta?: Record<string, string>;
  items?: Array<{ name: string; quantity?: number; total: number | string }>;
  /** Only virtual/downloadable items: payment completes straight to `completed` (needs_processing false). */
  virtualOnly?: boolean;
}

export interface SandboxOptions {
  port?: number;
  host?: string;
  orders?: SandboxOrderSeed[];
  currency?: string;
  timezone?: string;
  consumerKey?: string;
  consumerSecret?: string;
  readOnlyKey?: { key: string; secret: string };
  dropboxToken?: string;
  smssyncSecret?: string;
  paymentSenders?: string[];
  now?: () => Date;
  batchLimit?: number;
  /** Where admin emails (new_order, smsmatch_alert …) go. */
  adminEmail?: string;
}

export interface MetaData {
  id: number;
  key: string;
  value: unknown;
}

export interface Address {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email?: string;
  phone: string;
}

export interface LineItem {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  tax_class: string;
  subtotal: string;
  subtotal_tax: string;
  total: string;
  total_tax: string;
  taxes: unknown[];
  meta_data: MetaData[];
  sku: string;
  price: number;
}

/** A WooCommerce v3 order exactly as GET /orders/{id} returns it (minus `_links`, added on output). */
export interface WooOrder {
  id: number;
  parent_id: number;
  status: string;
  currency: string;
  version: string;
  prices_include_tax: boolean;
  date_created: string;
  date_modified: string;
  discount_total: string;
  discount_tax: string;
  shipping_total: string;
  shipping_tax: string;
  cart_tax: string;
  total: string;
  total_tax: string;
  customer_id: number;
  order_key: string;
  billing: Address;
  shipping: Address;
  payment_method: string;
  payment_method_title: string;
  transaction_id: string;
  customer_ip_address: string;
  customer_user_agent: string;
  created_via: string;
  customer_note: string;
  date_completed: string | null;
  date_paid: string | null;
  cart_hash: string;
  number: string;
  meta_data: MetaData[];
  line_items: LineItem[];
  tax_lines: unknown[];
  shipping_lines: unknown[];
  fee_lines: unknown[];
  coupon_lines: unknown[];
  refunds: unknown[];
  payment_url: string;
  is_editable: boolean;
  needs_payment: boolean;
  needs_processing: boolean;
  date_created_gmt: string;
  date_modified_gmt: string;
  date_completed_gmt: string | null;
  date_paid_gmt: string | null;
  currency_symbol: string;
}

export interface OrderNote {
  id: number;
  author: string;
  date_created: string;
  date_created_gmt: string;
  note: string;
  customer_note: boolean;
}

/** An email WooCommerce (or the drop-box's wp_mail) would have sent. */
export interface EmailRecord {
  to: string;
  template: string;
  orderId: number | null;
  at: string;
  subject?: string;
  message?: string;
}

export interface RequestRecord {
  method: string;
  path: string;
  route: string;
  /** Query values with credentials masked. */
  query: Record<string, string>;
  status: number;
  at: string;
  fault?: string;
  /** As sent: tests check that smsmatch names itself (shared hosts' firewalls refuse requests without one). */
  userAgent?: string;
}

export interface StoredSms {
  id: number;
  message_id: string;
  from: string;
  message: string;
  sent_timestamp: string;
  sent_to: string;
  device_id: string;
  received_at: string;
  /** Set when the plugin cut an oversized SMS (only its first 4 KB are stored). */
  truncated?: { original_bytes: number; sha256: string };
}

export type OutboxStatus = 'queued' | 'sent_to_phone' | 'queued_on_phone' | 'delivered' | 'failed';

export interface OutboxMessage {
  uuid: string;
  to: string;
  message: string;
  status: OutboxStatus;
  created_at: string;
  handed_at: string | null;
  result: Record<string, unknown> | null;
}

export interface DropboxState {
  messages: StoredSms[];
  outbox: OutboxMessage[];
  /** SMS from senders not on the payment list: acknowledged, counted, never stored. */
  dropped: number;
  /** Repeats of an already stored message_id. */
  duplicates: number;
  lastSmsAt: string | null;
  lastPollAt: string | null;
  /** When a customer last typed a payment code on an order page (the plugin's `smsmatch_last_code_at`). */
  lastCodeAt: string | null;
  results: Array<Record<string, unknown>>;
  /** The daemon's last snapshot (POST /publish), as the plugin stores it. */
  published: PublishedCopy | null;
  /** The admin-action queue (wp-admin, admin REST); ids count from 1. */
  actions: AdminActionRow[];
  /** The signal file under wp-content/uploads (src/sandbox/signal.ts). */
  signal: SignalFileState;
}

export interface PublishedCopy {
  at: string;
  bytes: number;
  publishedAt: string;
  dropped: number;
  reviewCount: number;
  health: Record<string, unknown>;
  payments: Array<Record<string, unknown> & { key: string; code: string; review: boolean }>;
}

export type AdminActionStatus = 'queued' | 'done' | 'failed';

export interface AdminActionRow {
  id: number;
  action: 'assign' | 'dismiss';
  code: string;
  order_id: number | null;
  reason: string | null;
  requested_by: string;
  requested_at: string;
  status: AdminActionStatus;
  detail: string;
  done_at: string | null;
}

/** A WordPress user of the sandbox shop, with an Application Password (Basic auth). */
export interface SandboxUser {
  login: string;
  appPassword: string;
  role: 'administrator' | 'shop_manager' | 'customer';
}
