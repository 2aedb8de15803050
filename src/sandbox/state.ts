import { createOrderRecord, ORDER_STATUSES, type OrderRecord, type ShopContext } from './order-model.js';
import { newSignalState } from './signal.js';
import { wcDates } from './time.js';
import { changeStatus, type TransitionHooks } from './transitions.js';
import type { DropboxState, EmailRecord, OrderNote, RequestRecord, SandboxOrderSeed, WooOrder } from './types.js';

/** What tests read and poke directly, without going through HTTP. */
export interface SandboxState {
  /** Every order (trash included) as GET /orders/{id} would return it, by ascending id. */
  readonly orders: WooOrder[];
  order(id: number): WooOrder | undefined;
  /** Notes of an order, oldest first. */
  notes(orderId: number): OrderNote[];
  readonly emails: EmailRecord[];
  readonly requests: RequestRecord[];
  readonly dropbox: DropboxState;
  addOrder(seed: SandboxOrderSeed): WooOrder;
  /** As a shop manager would in wp-admin: same transition logic, emails and notes as the API. */
  setOrderStatus(id: number, status: string): WooOrder;
  /** Empties the email and request logs (benchmarks count per phase). */
  clearLogs(): void;
}

export class Shop implements SandboxState {
  readonly emails: EmailRecord[] = [];
  readonly requests: RequestRecord[] = [];
  readonly dropbox: DropboxState;
  readonly ctx: ShopContext;
  readonly hooks: TransitionHooks;
  private readonly records = new Map<number, OrderRecord>();
  private readonly notesByOrder = new Map<number, OrderNote[]>();
  private readonly counters = { meta: 5000, item: 9000, note: 300, order: 1000 };

  constructor(options: { baseUrl: string; timezone: string; currency: string; now: () => Date; adminEmail: string }) {
    this.dropbox = { messages: [], outbox: [], dropped: 0, duplicates: 0, lastSmsAt: null, lastPollAt: null, lastCodeAt: null, results: [], published: null, actions: [], signal: newSignalState(options.now()) };
    this.ctx = {
      baseUrl: options.baseUrl,
      timezone: options.timezone,
      currency: options.currency,
      now: options.now,
      nextId: (kind) => ++this.counters[kind],
    };
    this.hooks = {
      adminEmail: options.adminEmail,
      email: (template, to, orderId) => this.logEmail({ to, template, orderId }),
      systemNote: (orderId, text) => this.addNote(orderId, text, false, 'system'),
    };
  }

  get orders(): WooOrder[] {
    return [...this.records.values()].map((r) => r.order).sort((a, b) => a.id - b.id);
  }

  order(id: number): WooOrder | undefined {
    return this.records.get(id)?.order;
  }

  record(id: number): OrderRecord | undefined {
    return this.records.get(id);
  }

  allRecords(): OrderRecord[] {
    return [...this.records.values()];
  }

  notes(orderId: number): OrderNote[] {
    return this.notesByOrder.get(orderId) ?? [];
  }

  addOrder(seed: SandboxOrderSeed): WooOrder {
    const id = seed.id ?? this.ctx.nextId('order');
    if (this.records.has(id)) throw new Error(`sandbox: order ${id} already exists`);
    if (!ORDER_STATUSES.includes(seed.status)) throw new Error(`sandbox: unknown order status "${seed.status}" for order ${id}`);
    this.counters.order = Math.max(this.counters.order, id);
    const record = createOrderRecord(seed, id, this.ctx);
    this.records.set(id, record);
    return record.order;
  }

  deleteOrder(id: number): void {
    this.records.delete(id);
    this.notesByOrder.delete(id);
  }

  setOrderStatus(id: number, status: string): WooOrder {
    const record = this.records.get(id);
    if (!record) throw new Error(`sandbox: no order ${id}`);
    if (!ORDER_STATUSES.includes(status)) throw new Error(`sandbox: unknown order status "${status}"`);
    changeStatus(record, status, this.hooks, this.ctx);
    return record.order;
  }

  addNote(orderId: number, text: string, customerNote: boolean, author: string): OrderNote {
    const dates = wcDates(this.ctx.now(), this.ctx.timezone);
    const note: OrderNote = {
      id: this.ctx.nextId('note'),
      author,
      date_created: dates.local!,
      date_created_gmt: dates.gmt!,
      note: text,
      customer_note: customerNote,
    };
    const list = this.notesByOrder.get(orderId) ?? [];
    list.push(note);
    this.notesByOrder.set(orderId, list);
    const email = this.records.get(orderId)?.order.billing.email ?? '';
    // add_order_note fires woocommerce_new_customer_note → the customer_note email.
    if (customerNote && email !== '') this.logEmail({ to: email, template: 'customer_note', orderId });
    return note;
  }

  deleteNote(orderId: number, noteId: number): OrderNote | undefined {
    const list = this.notesByOrder.get(orderId) ?? [];
    const index = list.findIndex((n) => n.id === noteId);
    if (index === -1) return undefined;
    return list.splice(index, 1)[0];
  }

  logEmail(email: Omit<EmailRecord, 'at'>): void {
    this.emails.push({ ...email, at: this.ctx.now().toISOString() });
  }

  clearLogs(): void {
    this.emails.length = 0;
    this.requests.length = 0;
  }
}
