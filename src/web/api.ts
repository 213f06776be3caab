import type { ApiErrorBody } from './api-types.js';
import { authHeaders } from './session.js';

/** A failed API call: the HTTP status and the catalogued error the API answered (null when it sent none). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ApiErrorBody | null) {
    super(body ? `${body.code}: ${body.message}` : `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** The key is missing, unknown or not a secret key: the user has to sign in again. */
  get refusedKey(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

type RefusedHandler = (error: ApiError) => void;
let onRefused: RefusedHandler = () => undefined;

/** Sets what happens when the API refuses the key (main.ts shows the sign-in form). */
export function onKeyRefused(handler: RefusedHandler): void {
  onRefused = handler;
}

/** Reads a failed response's `{error}` body, tolerating one that is not JSON. */
export async function errorOf(res: Response): Promise<ApiError> {
  let body: ApiErrorBody | null = null;
  try {
    const json = (await res.json()) as { error?: ApiErrorBody };
    if (json && typeof json.error === 'object') body = json.error;
  } catch {
    // Not JSON (a proxy's error page): the status alone describes it.
  }
  const error = new ApiError(res.status, body);
  if (error.refusedKey) onRefused(error);
  return error;
}

async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, signal: AbortSignal | undefined): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), ...(signal ? { signal } : {}) });
  if (!res.ok) throw await errorOf(res);
  // 204 No Content (a deletion) has no body to read.
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/**
 * GETs an API path (`/v1/…?…`) with the secret key; throws ApiError with the catalogued error when the
 * API answers one. `signal` aborts it when the page is left.
 */
export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', path, undefined, signal);
}

/** POSTs a JSON body (`{}` when there is nothing to send) with the secret key. */
export function postJson<T>(path: string, body: unknown = {}, signal?: AbortSignal): Promise<T> {
  return request<T>('POST', path, body, signal);
}

/** PUTs a JSON body (creates or replaces what the path names) with the secret key. */
export function putJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return request<T>('PUT', path, body, signal);
}

/** DELETEs an API path with the secret key (the API answers 204). */
export function deleteJson(path: string, signal?: AbortSignal): Promise<void> {
  return request<void>('DELETE', path, undefined, signal);
}

/** Builds `path?k=v&…`, leaving out undefined and empty values. */
export function withQuery(path: string, query: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
