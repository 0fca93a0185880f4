/**
 * Evidence links on a progress update: the one rule for what may be stored
 * (https only, a real host, bounded length, no credentials, at most three,
 * no repeats) and for how a link is shown (host + decoded path, shortened).
 * Pure: the WHATWG `URL` parser is a global in Node and in browsers, so the
 * tab checks and shows links exactly as the service does.
 */
import { withoutControlCharacters } from './text-hygiene.js';

/** The most links one update may carry. */
export const MAX_EVIDENCE_LINKS = 3;
/** The longest link accepted, in characters (SharePoint's "Copy link" gives far shorter ones). */
export const MAX_LINK_LENGTH = 2000;

/** A host name of two or more labels ending in a real top-level domain: no IP address, no bare "intranet" or "localhost". */
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
/** Query parameters that carry a secret (a shared-access signature, a token, a password). */
const SECRET_PARAMS = new Set([
  'access_token',
  'id_token',
  'refresh_token',
  'token',
  'sig',
  'signature',
  'password',
  'passwd',
  'pwd',
  'secret',
  'client_secret',
  'api_key',
  'apikey',
  'auth',
]);
/** Bidirectional controls, zero-width characters and the BOM: invisible, and able to disguise what a label says. */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** The links of one submission, checked: normalised https addresses, first-given order, repeats removed. */
export type EvidenceCheck = { ok: true; links: string[] } | { ok: false; message: string };

/**
 * Checks what a person gave as evidence links (blank entries are ignored).
 * Each link must be an https address of a real host, at most
 * `MAX_LINK_LENGTH` characters, with no user name, password or access key
 * in it; repeats (the same address once normalised) are dropped, and at
 * most `MAX_EVIDENCE_LINKS` may remain. The message names the link to fix.
 */
export function checkEvidenceLinks(given: readonly string[]): EvidenceCheck {
  const entries = given.map((g) => withoutControlCharacters(g).trim()).filter(Boolean);
  const links: string[] = [];
  for (const [i, entry] of entries.entries()) {
    const which = entries.length === 1 ? 'The link' : `Link ${i + 1}`;
    const checked = checkLink(entry, which);
    if (!checked.ok) return checked;
    if (!links.includes(checked.href)) links.push(checked.href);
  }
  if (links.length > MAX_EVIDENCE_LINKS) {
    return { ok: false, message: `Please add at most three links (there are ${links.length}).` };
  }
  return { ok: true, links };
}

/** True when `href` is a link `checkEvidenceLinks` would keep, unchanged. */
export function isEvidenceLink(href: string): boolean {
  const checked = checkLink(href, 'The link');
  return checked.ok && checked.href === href;
}

function checkLink(entry: string, which: string): { ok: true; href: string } | { ok: false; message: string } {
  if (entry.length > MAX_LINK_LENGTH) {
    return fail(`${which} is longer than 2,000 characters. Use a shorter link, such as the one SharePoint’s “Copy link” gives.`);
  }
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return fail(`${which} is not a web address. Copy it from the browser’s address bar: it starts with https://.`);
  }
  if (url.protocol === 'http:') return fail(`${which} starts with http://, which is not secure. Use its https:// address.`);
  if (url.protocol !== 'https:') return fail(`${which} is not a web page: only https:// links can be added.`);
  if (url.username || url.password || [...url.searchParams.keys()].some((k) => SECRET_PARAMS.has(k.toLowerCase()))) {
    return fail(`${which} contains a password or access key. Remove it: everyone who reads the plan sees the link.`);
  }
  if (!HOST_NAME.test(url.hostname)) {
    return fail(`${which} does not name a site. Use the full address, such as https://nhsuk.sharepoint.com/sites/….`);
  }
  if (url.href.length > MAX_LINK_LENGTH) {
    return fail(`${which} is longer than 2,000 characters. Use a shorter link, such as the one SharePoint’s “Copy link” gives.`);
  }
  return { ok: true, href: url.href };
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

/**
 * Splits the text of a single box (the card's) into links: at line breaks,
 * and where another address follows a space, comma or semicolon. A space
 * inside one address (a pasted SharePoint path) stays in it.
 */
export function splitLinkText(text: string): string[] {
  return withoutControlCharacters(text)
    .split('\n')
    .flatMap((line) => line.split(/[\s,;]+(?=[a-z][a-z0-9+.-]*:)/i))
    .map((s) => s.trim().replace(/[,;]+$/, ''))
    .filter(Boolean);
}

/**
 * How a link is shown: its host and decoded path, e.g.
 * "nhsuk.sharepoint.com/sites/edi/Shared Documents/panel-audit.xlsx", never
 * the raw address. Query and fragment are left out; invisible and control
 * characters are removed; past `max` characters the middle of the path
 * gives way to "…", keeping the host and the file name's end.
 */
export function linkLabel(href: string, max = 72): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return shorten(clean(href), max);
  }
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return shorten(clean(`${url.host}${decodePath(path)}`), max);
}

/** Percent-encoding decoded run by run: in a run that is not valid UTF-8 only the plain ASCII escapes are decoded. */
function decodePath(path: string): string {
  return path.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-7][0-9a-f])/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

function clean(s: string): string {
  return withoutControlCharacters(s).replace(/\n/g, ' ').replace(INVISIBLE, '');
}

/** Cut in the middle: the file name (up to two thirds of the room) stays at the end, the host and the path's start before "…". */
function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  const slash = s.lastIndexOf('/');
  const tail = slash > 0 ? Math.min(s.length - slash, Math.floor((2 * (max - 1)) / 3)) : Math.floor((max - 1) / 2);
  return `${s.slice(0, max - 1 - tail)}…${s.slice(s.length - tail)}`;
}

/**
 * Whether two updates carry the same evidence: the same links, in any order
 * (an absent list is an empty one).
 */
export function sameLinks(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = new Set(a ?? []);
  const y = new Set(b ?? []);
  return x.size === y.size && [...x].every((l) => y.has(l));
}

/** How an exported progress note lists its links, one per line after the note: "Evidence: https://…". */
const EVIDENCE_LINE_PREFIX = 'Evidence: ';

/** A note's text followed by its evidence lines, as the exports write it and `splitEvidenceLines` reads it back. */
export function withEvidenceLines(text: string, links: readonly string[] | undefined): string {
  return [text, ...(links ?? []).map((l) => `${EVIDENCE_LINE_PREFIX}${l}`)].join('\n');
}

/**
 * The note and links of an exported note's text: trailing "Evidence: …"
 * lines become links when they pass `checkEvidenceLinks`. When they do not
 * (an http link, more than three), they stay in the note's text, so nothing
 * is lost, and `problem` says why.
 */
export function splitEvidenceLines(text: string): { text: string; links: string[]; problem?: string } {
  const lines = text.split('\n');
  let start = lines.length;
  while (start > 0 && lines[start - 1]!.startsWith(EVIDENCE_LINE_PREFIX)) start--;
  if (start === lines.length) return { text, links: [] };
  const checked = checkEvidenceLinks(lines.slice(start).map((l) => l.slice(EVIDENCE_LINE_PREFIX.length)));
  if (!checked.ok) return { text, links: [], problem: checked.message };
  return { text: lines.slice(0, start).join('\n').trim(), links: checked.links };
}
