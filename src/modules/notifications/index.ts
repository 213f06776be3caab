export { NotificationsService, fetchSender, type Sender, type SendResult, type NotificationsOptions, type EndpointView } from './notifications.service.js';
export type { NotificationsStore, Endpoint, Delivery, DeliveryStatus, AttemptOutcome } from './notifications.store.js';
export { signBody, verifyBody, SIGNATURE_HEADERS, DEFAULT_TOLERANCE_MS, type VerifyOutcome } from './domain/signature.js';
export { nextAttemptAt, isRetryable, DEFAULT_RETRY, type RetryPolicy } from './domain/retry.js';
