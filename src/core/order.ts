/**
 * The order fields the core needs, already normalised by the WooCommerce adapter: money in minor units,
 * times in UTC. The adapter keeps the raw object for writing back; the core never sees HTTP shapes.
 */
export interface Order {
  id: number;
  number: string;
  status: string;
  currency: string;
  totalMinor: number;
  /** UTC ISO 8601 (`date_created_gmt` + `Z`). */
  createdAt: string;
  paymentMethod: string;
  transactionId: string;
  customerNote: string;
  billing: {
    firstName: string;
    lastName: string;
    phone: string;
    email: string;
  };
  /** meta_data flattened to key → string value (last one wins). */
  meta: Record<string, string>;
}
