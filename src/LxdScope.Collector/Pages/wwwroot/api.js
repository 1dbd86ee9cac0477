// Talking to the collector's JSON APIs. A failure is an error with the server's own words
// (RFC 7807 title and detail), never an empty result. The tab's token, when it has one, goes with
// every request.
import { token } from './token.js';

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

async function problem(response) {
  let title = `${response.status} ${response.statusText}`.trim();
  let detail = '';
  const type = response.headers.get('content-type') ?? '';
  try {
    if (type.includes('json')) {
      const body = await response.json();
      title = body.title ?? title;
      detail = body.detail ?? '';
    } else {
      detail = (await response.text()).slice(0, 300);
    }
  } catch {
    // The body could not be read; the status line is all there is to say.
  }
  return new ApiError(response.status, title, detail);
}

/** Sends a request and returns the response, or throws ApiError (network failures too, as status 0). */
export async function send(url, options = {}) {
  const stored = token.get();
  const headers = stored === null ? options.headers : { authorization: `Bearer ${stored}`, ...(options.headers ?? {}) };
  let response;
  try {
    response = await fetch(url, { cache: 'no-store', ...options, headers });
  } catch (e) {
    throw new ApiError(0, 'The collector did not answer', e instanceof Error ? e.message : String(e));
  }
  if (!response.ok) throw await problem(response);
  return response;
}

export async function getJson(url, options = {}) {
  const response = await send(url, { ...options, headers: { accept: 'application/json', ...(options.headers ?? {}) } });
  return response.json();
}

export const clusterUrl = name => `/api/v1/clusters/${encodeURIComponent(name)}`;
export const clusterPage = name => `/clusters/${encodeURIComponent(name)}`;
