import { html, SafeHtml } from '../html';
import type { DevMailboxMessage } from './dev-mailbox';

/**
 * The page's own policy: no scripts, no requests anywhere. An email's HTML is shown in a
 * sandboxed iframe (srcdoc) that inherits it, so nothing a message contains can run here.
 */
export const DEV_MAILBOX_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const STYLE = `
  body { margin: 0; font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; color: #1b2a27; background: #f5f7f6; }
  header { padding: 16px 24px; background: #0f5c4d; color: #fff; }
  header h1 { margin: 0; font-size: 20px; }
  header p { margin: 4px 0 0; opacity: .85; font-size: 13px; }
  main { max-width: 960px; margin: 0 auto; padding: 16px 24px 48px; }
  article { margin: 16px 0; padding: 16px 20px; background: #fff; border: 1px solid #d5dedb; border-radius: 10px; }
  article h2 { margin: 0 0 8px; font-size: 17px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 12px; font-size: 13px; }
  dt { color: #4a5b57; } dd { margin: 0; overflow-wrap: anywhere; }
  iframe { width: 100%; height: 600px; resize: vertical; border: 1px solid #d5dedb; border-radius: 6px; background: #fff; }
  details { margin-top: 8px; } summary { cursor: pointer; color: #0f5c4d; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f5f7f6; padding: 12px; border-radius: 6px; font-size: 13px; }
  .empty { color: #4a5b57; }
`;

export function renderDevMailboxPage(messages: DevMailboxMessage[], capacity: number): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Development mailbox · Vetmeet</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<header>
<h1>Vetmeet · development mailbox</h1>
<p>${messages.length} email(s), newest first. The last ${capacity} are kept in memory until the server restarts. Development only. Reload for new mail; JSON at <code>/dev/mailbox.json</code>.</p>
</header>
<main>
${messages.length === 0 ? html`<p class="empty">No emails yet. Whatever the app sends arrives here.</p>` : messages.map(renderMessage)}
</main>
</body>
</html>
`.value;
}

function renderMessage(message: DevMailboxMessage): SafeHtml {
  return html`<article id="${message.id}">
<h2>${message.subject || '(no subject)'}</h2>
<dl>
<dt>From</dt><dd>${message.from}</dd>
<dt>To</dt><dd>${message.to}${message.envelope.to.join(', ') !== message.to ? html` (delivered to ${message.envelope.to.join(', ')})` : ''}</dd>
<dt>Received</dt><dd><time datetime="${message.receivedAt}">${message.receivedAt.replace('T', ' ').slice(0, 19)} UTC</time></dd>
${message.messageId ? html`<dt>Message-ID</dt><dd>${message.messageId}</dd>` : ''}
${message.attachments.length > 0 ? html`<dt>Attachments</dt><dd>${message.attachments.map((file) => `${file.filename ?? '(unnamed)'} (${file.contentType}, ${file.size} bytes)`).join('; ')}</dd>` : ''}
</dl>
${
  message.html
    ? // No allow-scripts: the email's HTML is inert. Links open in a new tab, outside the sandbox, so a developer can follow them.
      html`<iframe title="HTML body" sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" srcdoc="${`<base target="_blank">${message.html}`}"></iframe>
<details><summary>Text part</summary><pre>${message.text}</pre></details>`
    : html`<pre>${message.text}</pre>`
}
</article>
`;
}
