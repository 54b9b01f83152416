/** URLs as messages and installed files show them: never a credential, never template syntax. */

/**
 * A URL as messages and installed files show it: the `user:password@` part as `***@`, every query value as
 * `***` (tokens travel there too), and `{`, `}` percent-encoded so the text is inert inside a template.
 */
export function displayUrl(url: URL): string {
  const credentials = url.username !== '' || url.password !== '';
  const query = url.search === '' ? '' : `?${[...url.searchParams.keys()].map((key) => `${encodeURIComponent(key)}=***`).join('&')}`;
  return inert(`${url.protocol}//${credentials ? '***@' : ''}${url.host}${url.pathname}${query}${url.hash}`);
}

/** A value that may not even parse as a URL, masked the same way as far as its shape shows. */
export function maskUrlText(text: string): string {
  return inert(text.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, '$1***@').replace(/\?[^#]*/, '?***'));
}

function inert(text: string): string {
  return text.replace(/[{}]/g, (c) => (c === '{' ? '%7B' : '%7D'));
}
