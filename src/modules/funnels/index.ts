export { FunnelsService, type FunnelRequest, type FunnelResult, type FunnelDimension } from './funnels.service.js';
export type { FunnelGroupReport, FunnelStepReport } from './domain/funnel-report.js';
export { matchWindowFunnel, sortHits, type StepHit, type FunnelMatch } from './domain/window-funnel.js';
