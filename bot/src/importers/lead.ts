import { z } from 'zod';
import type { Person } from '../domain/model.js';

/** Who an imported row names: a person (owner), a role from the plan (leadRole), or both. */
export interface LeadParse {
  owner: Person | null;
  leadRole: string;
}

/**
 * Words that mark a job title, team or group rather than a person. A lead
 * cell counts as a person's name only when it is two to four capitalised
 * words (an optional Dr/Mr/Mrs/Ms/Prof first) and none of them is one of these.
 */
const ROLE_WORDS = new Set(
  (
    'head heads director directors lead leads leader leaders manager managers officer officers team teams network networks ' +
    'board boards chair chairs group groups committee committees partner partners partnering representative representatives ' +
    'convener convenor staff side comms communications service services department directorate deputy chief executive executives ' +
    'assistant coordinator co-ordinator advisor adviser specialist business governance workforce resourcing recruitment training ' +
    'education development equality diversity inclusion engagement corporate operations panel panels member members trust ccg ' +
    'hr od ed edi bme secretary nurse nursing medical clinical consultant guardian human resources relations employee people ' +
    'culture management leadership senior lay ned neds governor governors sponsor sponsors champion champions mentor mentors ' +
    'forum union unions council all every each finance analyst administrator practitioner matron president vice system ' +
    'organisational organizational learning wellbeing health safety quality patient patients public'
  ).split(' '),
);
const TITLES = /^(dr|mr|mrs|ms|miss|mx|prof|professor|sir|dame)\.?\s+/i;
const NAME_WORD = /^(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+|[A-Z]\.?)$/;
const PARTICLES = new Set(['van', 'von', 'de', 'da', 'del', 'der', 'la', 'le', 'bin', 'al']);
const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const emailSchema = z.email();

/** True when `text` reads as one person's name ("Dr. Peter Blick", "Megan Bowen"), not a role. */
function isPersonName(text: string): boolean {
  const words = text.replace(TITLES, '').trim().split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 4) return false;
  return words.every((w) => !ROLE_WORDS.has(w.toLowerCase()) && (NAME_WORD.test(w) || PARTICLES.has(w)));
}

/** "alex.wilber" → "Alex Wilber": a readable name when the plan gave only an email address. */
function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? email;
  const words = local
    .split(/[._-]+/)
    .map((w) => w.replace(/\d+/g, ''))
    .filter(Boolean);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join(' ') || email;
}

/** True for a well-formed email address. */
function isEmail(text: string): boolean {
  return emailSchema.safeParse(text.trim()).success;
}

/**
 * Reads a lead / owner cell: "Head of Resourcing" (a role), "Megan Bowen"
 * (a person), "meganb@example.com", "Megan Bowen <meganb@example.com>",
 * "Megan Bowen, Head of Resourcing" (both), "Head of HR / BME network" (roles).
 */
export function parseLead(cell: string): LeadParse {
  const text = cell.replace(/\s+/g, ' ').trim();
  if (!text) return { owner: null, leadRole: '' };
  const angled = /^"?([^"<]*?)"?\s*<\s*([^>\s]+)\s*>$/.exec(text);
  if (angled && isEmail(angled[2]!)) {
    const email = angled[2]!.toLowerCase();
    return { owner: { displayName: angled[1]!.trim() || nameFromEmail(email), email }, leadRole: '' };
  }
  const emailMatch = text.includes('@') ? EMAIL.exec(text) : null;
  if (emailMatch && isEmail(emailMatch[0])) {
    const email = emailMatch[0].toLowerCase();
    const rest = text
      .replace(emailMatch[0], '')
      .replace(/[()<>[\],;:-]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (!rest) return { owner: { displayName: nameFromEmail(email), email }, leadRole: '' };
    if (isPersonName(rest)) return { owner: { displayName: rest, email }, leadRole: '' };
    return { owner: { displayName: nameFromEmail(email), email }, leadRole: rest };
  }
  if (isPersonName(text)) return { owner: { displayName: text }, leadRole: '' };
  const pair = /^(.+?)\s*(?:,|\s[-–]\s|\()\s*(.+?)\)?$/.exec(text);
  if (pair) {
    const [first, second] = [pair[1]!.trim(), pair[2]!.trim()];
    if (isPersonName(first) && !isPersonName(second)) return { owner: { displayName: first }, leadRole: second };
    if (isPersonName(second) && !isPersonName(first)) return { owner: { displayName: second }, leadRole: first };
  }
  return { owner: null, leadRole: text };
}

/**
 * Combines several lead-like cells (e.g. "Lead" and "Owner" columns) and an
 * optional email column into one owner and one role text.
 */
export function combineLeads(cells: string[], emailCell: string): LeadParse {
  let owner: Person | null = null;
  const roles: string[] = [];
  for (const cell of cells) {
    const parsed = parseLead(cell);
    if (parsed.owner && !owner) owner = parsed.owner;
    else if (parsed.owner) roles.push(parsed.owner.displayName);
    if (parsed.leadRole && !roles.includes(parsed.leadRole)) roles.push(parsed.leadRole);
  }
  const email = emailCell.trim().toLowerCase();
  if (email && isEmail(email)) {
    if (!owner) owner = { displayName: nameFromEmail(email), email };
    else if (!owner.email) owner = { ...owner, email };
  }
  return { owner, leadRole: roles.join('; ') };
}
