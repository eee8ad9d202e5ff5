import type { CheckedCredentials } from './credentials.js';
import { CSRF_FIELD } from './csrf-middleware.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`);
}

/** The login form: a token field and/or user and password, whichever is configured. */
export function loginPage(
  credentials: CheckedCredentials,
  action: string,
  csrfToken: string,
  message?: string,
): string {
  const fields = [
    credentials.token
      ? '<label>Token <input name="token" type="password" autocomplete="current-password"></label>'
      : '',
    credentials.basic
      ? '<label>User <input name="user" autocomplete="username"></label>' +
        '<label>Password <input name="password" type="password" autocomplete="current-password"></label>'
      : '',
  ].join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<title>cuckoo-tc dashboard: log in</title>
<style>body{font-family:sans-serif;max-width:24rem;margin:4rem auto}label{display:block;margin:.5rem 0}input{width:100%}</style>
</head><body><h1>cuckoo-tc dashboard</h1>
${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(csrfToken)}">
${fields}<button type="submit">Log in</button></form></body></html>`;
}
