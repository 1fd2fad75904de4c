/**
 * The one HTML escaper of the pages written as strings (the explorer's page) and of the email's
 * HTML part: `&`, `<`, `>`, `"` and `'` as numeric character references, so that a string is inert
 * in element content and in double- or single-quoted attribute values. Not for URLs, scripts or
 * styles (nothing of the log goes there); the Eleventy templates have Nunjucks' autoescape. Pure.
 */

/** Escapes text for HTML content and double- or single-quoted attributes, e.g. `<b title='x'>` -> `&#60;b title=&#39;x&#39;&#62;`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
