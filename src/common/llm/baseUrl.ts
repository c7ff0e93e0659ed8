const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Checks a configured base URL. `https://` is required; `http://` is accepted only for localhost,
 * 127.0.0.1 and [::1], so the API key never travels in clear text. Returns an error message to show,
 * or undefined when the URL is acceptable. Pure: the host settings module reuses it.
 */
export function validateBaseUrl(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return 'The base URL is not a valid URL. Use https://… (for example https://apiin.one/api/v1).';
  }
  if (u.username !== '' || u.password !== '') return 'The base URL must not contain a user name or password.';
  if (u.protocol === 'https:') return undefined;
  if (u.protocol === 'http:') {
    if (LOOPBACK_HOSTS.has(u.hostname.toLowerCase())) return undefined;
    return (
      'The base URL uses http:// for a remote host. Use https://; ' +
      'http:// is allowed only for localhost, 127.0.0.1 and [::1].'
    );
  }
  return `The base URL must start with https:// (got ${u.protocol}//).`;
}

/** The chat completions endpoint under a base URL (`<baseUrl>/chat/completions`). */
export function chatCompletionsUrl(baseUrl: string): string {
  let end = baseUrl.trim();
  while (end.endsWith('/')) end = end.slice(0, -1);
  return `${end}/chat/completions`;
}
