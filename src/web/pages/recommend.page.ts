import { getJson } from '../api.js';
import type { PolicyVersions, PublishedPolicy, RecommendationExplain, RecommendModelSummary } from '../api-types.js';
import { createCard, loadCard, type Card } from '../card.js';
import { fill, t } from '../i18n.js';
import { cardGrid, pageHeader, type Page } from '../page.js';
import { drawExplain } from './recommend-explain.js';
import { DEFAULT_REQUEST, explainPath, requestForm, requestFromHash, requestHash, type RecommendRequest } from './recommend-form.js';
import { drawModel, drawPolicy } from './recommend-policy.js';

/** The last request asked, for coming back to the page through the navigation (whose link has no query). */
let last: RecommendRequest = DEFAULT_REQUEST;

/** Loads the explain preview for `request` into the "why" card. */
function loadWhy(card: Card, request: RecommendRequest, signal: AbortSignal): Promise<void> {
  return loadCard(card, async (body) => drawExplain(body, await getJson<RecommendationExplain>(explainPath(request), signal)));
}

/** Loads the policy in force and its versions into the policy card, titled with the version in force. */
function loadPolicy(card: Card, signal: AbortSignal): Promise<void> {
  return loadCard(card, async (body) => {
    const [policy, history] = await Promise.all([
      getJson<PublishedPolicy>('/v1/allocation/policy', signal),
      getJson<PolicyVersions>('/v1/allocation/policy/versions', signal),
    ]);
    card.title.textContent = fill(t().recommend.policy, { v: policy.version });
    drawPolicy(body, policy, history.versions);
  });
}

/**
 * Recommendations: a request form (its state in the address, `#/recommend?person=user:42`), why each
 * recommended item is there (the score's components, weighted, times the credit multiplier), the
 * published allocation policy with its versions, and the model summary. The explain endpoint is a
 * preview: asking here logs nothing.
 */
export const recommendPage: Page = {
  name: 'recommend',
  title: () => t().recommend.title,
  async render(ctx) {
    const m = t().recommend;
    pageHeader(ctx.root, m.title);
    const grid = cardGrid(ctx.root);
    const request = requestFromHash(location.hash) ?? last;
    last = request;
    history.replaceState(null, '', `${location.pathname}${location.search}${requestHash(request)}`);
    const formCard = createCard(grid, 'recommend-request', m.request);
    const modelCard = createCard(grid, 'recommend-model', m.model);
    const whyCard = createCard(grid, 'recommend-why', m.why, { wide: true });
    const policyCard = createCard(grid, 'recommend-policy', m.policyTitle, { wide: true });
    // A new request supersedes one still loading, so an older answer can never replace a newer one.
    let asking = new AbortController();
    const ask = (next: RecommendRequest) => {
      asking.abort();
      asking = new AbortController();
      return loadWhy(whyCard, next, AbortSignal.any([ctx.signal, asking.signal]));
    };
    formCard.body.append(requestForm(request, (next) => {
      last = next;
      history.replaceState(null, '', `${location.pathname}${location.search}${requestHash(next)}`);
      ctx.track(ask(next));
    }));
    await Promise.all([
      ask(request),
      loadPolicy(policyCard, ctx.signal),
      loadCard(modelCard, async (body) => drawModel(body, await getJson<RecommendModelSummary>('/v1/recommendations/model', ctx.signal))),
    ]);
  },
};
