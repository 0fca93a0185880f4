/**
 * Escaping for text that users wrote (notes, titles, names) before it goes
 * into an Adaptive Card TextBlock, which Teams renders as markdown.
 */

const INLINE_SPECIALS = /[\\*_[\]`~]/g;
const LINE_START = /^(\s*)([-+>#]|\d+[.)])(?=\s|$)/gm;
const TEMPLATE_FUNCTION = /\{\{/g;

/**
 * Makes `text` render literally: markdown emphasis, links, code and list or
 * heading markers are backslash-escaped, and Teams' `{{DATE(...)}}` /
 * `{{TIME(...)}}` functions are broken with a zero-width space so a note
 * cannot make the card show a different date. Line breaks are kept as
 * paragraph breaks (markdown would otherwise join the lines).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(INLINE_SPECIALS, (c) => `\\${c}`)
    .replace(LINE_START, (_m, indent: string, marker: string) => `${indent}${escapeMarker(marker)}`)
    .replace(TEMPLATE_FUNCTION, '{\u200B{')
    .replace(/\n{2,}/g, '\n')
    .replace(/\n/g, '\n\n');
}

function escapeMarker(marker: string): string {
  if (/^\d/.test(marker)) return marker.replace(/([.)])$/, '\\$1');
  return `\\${marker}`;
}

/** Shortens `text` to at most `max` characters, ending with "…" when something was cut. */
export function truncate(text: string, max: number): string {
  const clean = text.trim();
  if (clean.length <= max) return clean;
  return `${clean.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Truncates, then escapes: the usual treatment of a note shown on a card. */
export function safeText(text: string, max: number): string {
  return escapeMarkdown(truncate(text, max));
}

/** Characters that could end or disturb a markdown link's address; percent-encoding them leaves the address the same page. */
const HREF_SPECIALS = /[()[\]<>\\*_`~ "']/g;

/**
 * A markdown link a card can show: `label` escaped (it renders literally)
 * and `href` — already a checked https link — with every character that
 * markdown could read as syntax percent-encoded, so the link can neither
 * break out of its brackets nor point anywhere else.
 */
export function markdownLink(label: string, href: string): string {
  const safeHref = href.replace(HREF_SPECIALS, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeMarkdown(label)}](${safeHref})`;
}
