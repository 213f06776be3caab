import { deleteJson, getJson, postJson, putJson } from '../api.js';
import type { Experiment, ExperimentInput, ExperimentReport, FeatureFlag, FlagInput } from '../api-types.js';
import { createCard, errorBox, isAbort, loadCard, type Card } from '../card.js';
import { el } from '../elements.js';
import { fill, t } from '../i18n.js';
import { cardGrid, pageHeader, type Page } from '../page.js';
import { experimentForm } from './experiment-form.js';
import { drawExperimentList, drawFlags, type ListActions } from './experiment-list.js';
import { drawReport } from './experiment-report.js';
import { flagForm } from './flag-form.js';

/** The experiment whose report the address names (`#/experiments?report=exp_…`), or null. */
export function reportFromHash(hash: string): string | null {
  const at = hash.indexOf('?');
  const id = at < 0 ? null : new URLSearchParams(hash.slice(at + 1)).get('report');
  return id && id.trim() !== '' ? id.trim() : null;
}

/** The page's hash with a report selected (or none). */
export function experimentsHash(report: string | null): string {
  return report ? `#/experiments?report=${encodeURIComponent(report)}` : '#/experiments';
}

const experimentPath = (id: string, action = '') => `/v1/experiments/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

/**
 * Experiments: the list with the lifecycle actions each status allows (start, stop, ship a variation,
 * report), the report of the selected experiment (its id in the address, so a language switch or a
 * reload keeps it), a form that creates drafts, and the feature flags with a form that creates or replaces
 * one (Edit fills it). An action that fails shows the API's error above the list it was started from.
 */
export const experimentsPage: Page = {
  name: 'experiments',
  title: () => t().experiments.title,
  async render(ctx) {
    const m = t().experiments;
    pageHeader(ctx.root, m.title);
    const grid = cardGrid(ctx.root);
    const listCard = createCard(grid, 'experiments-list', m.list, { wide: true });
    const reportCard = createCard(grid, 'experiment-report', m.reportTitle, { wide: true });
    const formCard = createCard(grid, 'experiment-create', m.create);
    const flagsCard = createCard(grid, 'feature-flags', m.flags);
    let selected = reportFromHash(location.hash);
    const failures = new Map<HTMLElement, unknown>();

    /** Loads a card, then puts the error of the action that led to the reload (if any) on top. */
    const reload = (card: typeof listCard, draw: (body: HTMLElement) => Promise<void>) => loadCard(card, async (body) => {
      await draw(body);
      const failure = failures.get(card.body);
      failures.delete(card.body);
      if (failure !== undefined) body.prepend(el('div', { 'data-field': 'action-error' }, errorBox(failure)));
    });
    const loadList = () => reload(listCard, async (body) => {
      const { experiments } = await getJson<{ experiments: Experiment[] }>('/v1/experiments', ctx.signal);
      drawExperimentList(body, experiments, actions, selected);
    });
    // The flags card holds the list (reloaded after each change) and, below it, the form (which stays).
    const flagPath = (key: string) => `/v1/flags/${encodeURIComponent(key)}`;
    const flagList = el('div', { class: 'flag-list' });
    const flagsListCard: Card = { ...flagsCard, body: flagList };
    const flagEditor = flagForm(async (key: string, input: FlagInput) => {
      await putJson<FeatureFlag>(flagPath(key), input, ctx.signal);
      await loadFlags();
    }, ctx.track);
    flagsCard.body.append(flagList, flagEditor.element);
    const loadFlags = (): Promise<void> => reload(flagsListCard, async (body) => {
      const { flags } = await getJson<{ flags: FeatureFlag[] }>('/v1/flags', ctx.signal);
      drawFlags(body, flags, {
        edit: (flag) => flagEditor.edit(flag),
        remove: (key) => act(flagList, () => deleteJson(flagPath(key), ctx.signal), [loadFlags]),
      });
    });
    const loadReport = (): Promise<void> => {
      const id = selected;
      if (id === null) {
        reportCard.title.textContent = m.reportTitle;
        reportCard.body.replaceChildren(el('p', { class: 'empty' }, m.pickReport));
        reportCard.root.setAttribute('data-state', 'ready');
        return Promise.resolve();
      }
      return reload(reportCard, async (body) => {
        const report = await getJson<ExperimentReport>(experimentPath(id, 'report'), ctx.signal);
        reportCard.title.textContent = fill(m.reportOf, { name: report.experiment.name });
        drawReport(body, report, (variation) => act(reportCard.body, () => postJson(experimentPath(id, 'ship'), { variation }, ctx.signal), [loadList, loadReport]));
      });
    };

    /** Runs an action, then reloads the cards it changes; readiness waits for both. */
    function act(where: HTMLElement, request: () => Promise<unknown>, then: (() => Promise<void>)[]): void {
      ctx.track((async () => {
        try {
          await request();
        } catch (err) {
          if (isAbort(err)) return;
          failures.set(where, err);
        }
        await Promise.all(then.map((load) => load()));
      })());
    }

    const afterMove = (e: Experiment) => (e.id === selected ? [loadList, loadReport] : [loadList]);
    const actions: ListActions = {
      move: (e, to) => act(listCard.body, () => postJson(experimentPath(e.id, to), {}, ctx.signal), afterMove(e)),
      ship: (e, variation) => act(listCard.body, () => postJson(experimentPath(e.id, 'ship'), { variation }, ctx.signal), afterMove(e)),
      report: (e) => {
        selected = e.id;
        history.replaceState(null, '', `${location.pathname}${location.search}${experimentsHash(selected)}`);
        for (const row of listCard.body.querySelectorAll<HTMLElement>('tr[data-id]')) row.classList.toggle('selected', row.dataset.id === selected);
        ctx.track(loadReport());
        reportCard.root.scrollIntoView({ block: 'start' });
      },
    };

    formCard.body.append(experimentForm(async (input: ExperimentInput) => {
      const created = await postJson<Experiment>('/v1/experiments', input, ctx.signal);
      await loadList();
      return created;
    }, ctx.track));
    formCard.root.setAttribute('data-state', 'ready');
    await Promise.all([loadList(), loadReport(), loadFlags()]);
  },
};
