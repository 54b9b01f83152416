/** An `http://` or `https://` source: one GET (see http-get.ts), its body as text. */
import { httpGet } from './http-get.js';
import { decodeSourceText, type FetchedText } from './fetched-text.js';
import { displayUrl } from './display-url.js';
import type { FetchLimits } from './fetch-sources.js';

export async function fetchHttpSource(url: URL, limits: FetchLimits): Promise<FetchedText> {
  const answer = await httpGet(url, {
    maxBytes: limits.maxBytes,
    deadline: limits.deadline(),
    maxRedirects: limits.maxRedirects,
    authorization: basicAuthorization(url),
    ca: limits.ca,
  });
  const display = displayUrl(url);
  return { display, text: decodeSourceText(answer.body), fileName: lastSegment(url), origin: display };
}

/** `https://user:token@host/...`: Basic credentials, as curl and Go send them (only to this URL's origin). */
function basicAuthorization(url: URL): string | undefined {
  if (url.username === '' && url.password === '') return undefined;
  const user = safeDecode(url.username);
  const password = safeDecode(url.password);
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The URL's file name: its last path segment, decoded. */
function lastSegment(url: URL): string {
  return safeDecode(url.pathname.split('/').pop() ?? '');
}
