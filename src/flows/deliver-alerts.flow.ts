import type { Logger } from '../shared/logging/logger.js';
import type { AlertsService } from '../modules/alerts/index.js';
import type { NotificationsService } from '../modules/notifications/index.js';

/** The webhook side of alerting, started by the composition root; `drain` waits for sends in flight. */
export interface AlertDelivery { drain(): Promise<void>; stop(): void }

/**
 * Sends every alert change (`alert.firing`, `alert.resolved`, `alert.acknowledged`) to the tenant's
 * webhook endpoints as it happens: signed, recorded, retried by `NotificationsService.runDue`. A send
 * that fails is logged and stays due; it never blocks the evaluation that raised it.
 */
export function deliverAlerts(alerts: AlertsService, notifications: NotificationsService, logger: Logger): AlertDelivery {
  const inFlight = new Set<Promise<unknown>>();
  const stop = alerts.onChange((change) => {
    const p = notifications.notify(change.tenant, change.kind, change.alert)
      .catch((err: unknown) => logger.warn({ err, tenant: change.tenant, alert: change.alert.id }, 'alert webhook could not be recorded'))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  });
  return {
    stop,
    async drain() { while (inFlight.size > 0) await Promise.all([...inFlight]); },
  };
}
