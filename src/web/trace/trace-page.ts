import { codeFromPath, pickLang, type TraceLang } from './trace-format.js';
import { messages, renderState, verdictAttr, type PageState } from './trace-view.js';
import { isTraceDocument, verifyTrace } from './verify.js';

const LANG_KEY = 'rp-lang';

/** localStorage, or nothing where a privacy mode refuses it (the page works without remembering). */
function storage(): Storage | null {
  try { return window.localStorage; } catch { return null; }
}

/**
 * Fetches the batch's public JSON and verifies it here. 404 (`trace_batch_not_found`) and 400 (a code the
 * API refuses outright) are "not found"; any other status or a network failure is an error to retry.
 */
export async function loadTrace(code: string): Promise<PageState> {
  let res: Response;
  try {
    res = await fetch(`/v1/trace/public/${encodeURIComponent(code)}`, { headers: { accept: 'application/json' } });
  } catch {
    return { kind: 'error' };
  }
  if (res.status === 404 || res.status === 400) return { kind: 'not-found' };
  if (!res.ok) return { kind: 'error' };
  let json: unknown;
  try { json = await res.json(); } catch { json = null; }
  return { kind: 'loaded', doc: isTraceDocument(json) ? json : null, verdict: verifyTrace(json) };
}

/**
 * Starts the buyer page: reads the code from `/trace/<code>`, shows the loading state, then the verdict.
 * The language button redraws from the same state (nothing is fetched or verified again) and remembers
 * the choice. `<body data-verdict>` always names what is shown.
 */
export function startTracePage(root: HTMLElement, langButton: HTMLButtonElement): void {
  const saved = storage()?.getItem(LANG_KEY) ?? null;
  let lang: TraceLang = pickLang(new URLSearchParams(location.search).get('lang'), saved, navigator.language);
  let state: PageState = { kind: 'loading' };

  const draw = (): void => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    langButton.textContent = messages(lang).switchTo;
    langButton.lang = lang === 'zh' ? 'en' : 'zh-CN';
    langButton.hidden = false;
    renderState(root, state, lang, () => void load());
    document.body.dataset.verdict = verdictAttr(state);
  };

  const load = async (): Promise<void> => {
    const code = codeFromPath(location.pathname);
    state = { kind: 'loading' };
    draw();
    state = code === null ? { kind: 'not-found' } : await loadTrace(code);
    draw();
  };

  langButton.addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    storage()?.setItem(LANG_KEY, lang);
    // The button wins over a link's `?lang=` from now on (a reload keeps the choice), as on the dashboard.
    const address = new URL(location.href);
    if (address.searchParams.has('lang')) {
      address.searchParams.delete('lang');
      history.replaceState(null, '', address.pathname + address.search + address.hash);
    }
    draw();
  });
  void load();
}
