/** Where a tenant wants alerts delivered: an HTTPS (or, for local receivers, HTTP) URL and its signing secret. */
export interface Endpoint {
  readonly id: string;
  readonly tenant: string;
  readonly url: string;
  readonly secret: string;
  readonly createdAt: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One message to one endpoint, with the outcome of its latest attempt. */
export interface Delivery {
  readonly id: string;
  readonly tenant: string;
  readonly endpointId: string;
  /** What happened, e.g. `alert.firing`. */
  readonly kind: string;
  readonly body: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly nextAttemptAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The outcome of one attempt, as stored. */
export interface AttemptOutcome {
  readonly status: DeliveryStatus;
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly nextAttemptAt: number | null;
  readonly at: number;
}

/** The notifications port; `store/notifications.store.contract.test.ts` runs it on every engine. */
export interface NotificationsStore {
  init(): Promise<void>;
  addEndpoint(endpoint: Endpoint): Promise<void>;
  endpoints(tenant: string): Promise<Endpoint[]>;
  removeEndpoint(tenant: string, id: string): Promise<boolean>;
  createDelivery(delivery: Delivery): Promise<void>;
  /** Records an attempt: attempts + 1, status, last answer, next attempt time. */
  recordAttempt(id: string, outcome: AttemptOutcome): Promise<void>;
  /** Pending deliveries whose next attempt is due at `now`, oldest first. */
  dueDeliveries(now: number, limit: number): Promise<Delivery[]>;
  /** A tenant's deliveries, newest first. */
  listDeliveries(tenant: string, limit: number): Promise<Delivery[]>;
}
