import { orgLabel, type Organisation } from '../../domain/organisation.js';
import { safeText } from './escape.js';
import { text, type CardElement } from './parts.js';

/** The key every button's data carries the organisation's id under (Action.Execute and Action.Submit). */
const ORG_DATA_KEY = 'orgId';
/** The query parameter a link into the tab names the organisation with; the tab switches to it (tab/src/api/organisation.ts). */
const ORG_LINK_PARAM = 'org';

/** The organisation a card belongs to; null for the implicit organisation (its cards stay exactly as they always were). */
export type CardOrganisation = Pick<Organisation, 'id' | 'name'> | null;

/**
 * The card as `org` sends it: every Action.Execute / Action.Submit (the
 * refresh action too) carries the organisation's id, so the answer is acted
 * on in that organisation only; every link into the tab (Action.OpenUrl to
 * `/tab/…`) names it (`?org=RXX`), so the tab opens the action in that
 * organisation whichever one the person last chose; and a subtle first line names it. The
 * implicit organisation's cards are returned unchanged. Pure: a new object.
 */
export function forOrganisation(card: CardElement, org: CardOrganisation): CardElement {
  if (!org) return card;
  const stamped = stampData(card, org.id) as CardElement;
  const body = Array.isArray(stamped.body) ? (stamped.body as CardElement[]) : [];
  return { ...stamped, body: [orgLine(org), ...body] };
}

/** The organisation id a card submission says it came from, or null when it carries none (a card sent before organisations). */
export function orgIdOf(data: unknown): string | null {
  if (!data || typeof data !== 'object') return null;
  const id = (data as Record<string, unknown>)[ORG_DATA_KEY];
  return typeof id === 'string' && id.trim() ? id.trim().slice(0, 40) : null;
}

/** "North Trust (RXX)" in small subtle type above everything else. */
function orgLine(org: Pick<Organisation, 'id' | 'name'>): CardElement {
  return text(safeText(orgLabel(org), 160), { size: 'Small', isSubtle: true, weight: 'Bolder', spacing: 'None' });
}

const SUBMITTING = new Set(['Action.Execute', 'Action.Submit']);

function stampData(node: unknown, orgId: string): unknown {
  if (Array.isArray(node)) return node.map((n) => stampData(n, orgId));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = stampData(v, orgId);
  if (typeof out.type === 'string' && SUBMITTING.has(out.type)) {
    const data = out.data && typeof out.data === 'object' && !Array.isArray(out.data) ? (out.data as Record<string, unknown>) : {};
    out.data = { ...data, [ORG_DATA_KEY]: orgId };
  }
  if (out.type === 'Action.OpenUrl' && typeof out.url === 'string') out.url = tabLinkFor(out.url, orgId);
  return out;
}

/** `url` naming the organisation when it leads into the tab; any other link is left as it is. */
function tabLinkFor(url: string, orgId: string): string {
  if (!URL.canParse(url)) return url;
  const link = new URL(url);
  if (!link.pathname.includes('/tab/')) return url;
  link.searchParams.set(ORG_LINK_PARAM, orgId);
  return link.href;
}
