import { isEvidenceLink } from '../../domain/evidence-links.js';

/** Evidence links as a SharePoint multi-line text column holds them: one per line; null when there are none. */
export function linksField(links: readonly string[] | undefined): string | null {
  return links && links.length > 0 ? links.join('\n') : null;
}

/**
 * Evidence links read back from a column, as `{ links }` to spread into an
 * update (nothing when there are none). The column can be edited by hand in
 * SharePoint, so only lines that are safe https links, as the app stores
 * them, are kept: anything else is never offered as a link to click.
 */
export function linksFromField(field: string | undefined): { links?: string[] } {
  const links = (field ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(isEvidenceLink);
  return links.length > 0 ? { links: [...new Set(links)].slice(0, 3) } : {};
}
