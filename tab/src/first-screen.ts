/**
 * The plan's first screen in plain DOM, drawn by the start-up script as soon as
 * /api/me and the small /api/plan/start (for a filtered view, the whole
 * /api/plan) have answered, while React and Fluent UI are still loading. It is the plan page's first render in the same order and words
 * (the header, the heading, the summary, the count and the first rows), worked
 * out by the same code (plan-text.ts, the domain's filters and groups), styled
 * by first-screen.css with Fluent's own token values. React replaces it whole
 * in its first commit (createRoot clears its container). Its links are plain
 * links, so it is usable as it is; `aria-busy` tells assistive technology the
 * page is still loading.
 */
import type { LoadedPlan } from './api/loaded-plan.js';
import type { PlanItem } from './api/plan-list.js';
import { fromWholeList, type FirstScreenPlan } from './first-screen-plan.js';
import type { MeResponse } from './api/types.js';
import type { HostTheme } from './host/teams-host.js';
import { isEvidenceLink, linkLabel, RAG_LABELS, STATUS_LABELS } from './lib/domain.js';
import { formatDate, formatLongDate, formatNumber, plural } from './lib/format.js';
import {
  dueCellText,
  groupCountsText,
  planCountText,
  planHeadingText,
  ragMixText,
  RAG_ORDER,
  summaryRags,
  summaryStats,
} from './lib/plan-text.js';
import { ROLE_LABELS, SECTIONS } from './lib/sections.js';
import { href } from './routes.js';
import { viewFromQuery } from './views/plan/plan-view-state.js';
import './first-screen.css';

type Child = Node | string | null | false;

/** An element with attributes (`class` and the like; false and null leave one out) and children. */
function el(tag: string, attrs: Record<string, string | false | null> = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== false && value !== null) node.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== false) node.append(child);
  return node;
}

const bdi = (text: string) => el('bdi', {}, text);

function header(me: MeResponse): HTMLElement {
  const links = SECTIONS.map((s) => {
    const current = s.route.includes('plan');
    const label = s.short ? [el('span', { class: 'fs-long' }, s.label), el('span', { class: 'fs-short' }, s.short)] : [s.label];
    return el(
      'li',
      {},
      el('a', { href: href(s.to()), class: current ? 'fs-current' : null, 'aria-current': current ? 'page' : null }, ...label),
    );
  });
  const banner =
    me.devIdentity &&
    el(
      'div',
      { class: 'fs-banner' },
      el(
        'div',
        { class: 'fs-warning' },
        el('strong', {}, 'Development identity: ', bdi(me.displayName), me.email ? ` (${me.email})` : ''),
        ' Sign-in is off because no Entra app is configured. Do not use this set-up with real data.',
      ),
    );
  return el(
    'header',
    { class: 'fs-header' },
    el('a', { class: 'fs-skip', href: '#main' }, 'Skip to content'),
    el(
      'div',
      { class: 'fs-bar' },
      el('span', { class: 'fs-brand' }, 'WRES action plan'),
      el('nav', { 'aria-label': 'Sections' }, el('ul', {}, ...links)),
      el('span', { class: 'fs-person' }, bdi(me.displayName), ` · ${ROLE_LABELS[me.role]}`),
    ),
    banner,
  );
}

/** The RAG badge, or "Carried over" for an action carried into the next plan year (as RagBadge). */
function ragBadge(action: PlanItem): HTMLElement {
  const state = action.status === 'CarriedOver' ? 'CarriedOver' : action.rag;
  const word = state === 'CarriedOver' ? STATUS_LABELS.CarriedOver : RAG_LABELS[action.rag];
  return el('span', { class: `fs-badge fs-rag-${state}`, 'data-rag': state }, word);
}

/** A bar whose width shows a share; decoration beside the words and numbers. */
function bar(className: string, share: number, rag: string): HTMLElement {
  const fill = el('span', { class: `fs-fill fs-rag-${rag}` });
  fill.style.width = `${share * 100}%`;
  return className ? el('span', { class: className, 'aria-hidden': 'true' }, fill) : fill;
}

function summaryPanel(summary: FirstScreenPlan['summary']): HTMLElement {
  const stats = summaryStats(summary).map((s) =>
    el('div', { class: 'fs-stat' }, el('dt', {}, s.label), el('dd', { class: s.attention ? 'fs-attention' : null }, s.value)),
  );
  const max = Math.max(1, summary.carriedOver, ...RAG_ORDER.map((r) => summary.byRag[r]));
  const row = (label: string, count: number, rag: string) =>
    el('li', {}, el('span', {}, label), el('span', { class: 'fs-num' }, String(count)), bar('fs-track', count / max, rag));
  const rags = summaryRags(summary).map((rag) => row(RAG_LABELS[rag], summary.byRag[rag], rag));
  if (summary.carriedOver > 0) rags.push(row(STATUS_LABELS.CarriedOver, summary.carriedOver, 'CarriedOver'));
  const indicators = summary.perIndicator.map((row) => {
    const mix = el('span', { class: 'fs-mix' });
    if (row.actions > 0)
      mix.append(
        el(
          'span',
          { class: 'fs-mixbar', 'aria-hidden': 'true' },
          ...RAG_ORDER.filter((r) => row.byRag[r] > 0).map((r) => bar('', row.byRag[r] / row.actions, r)),
          ...(row.carriedOver > 0 ? [bar('', row.carriedOver / row.actions, 'CarriedOver')] : []),
        ),
      );
    mix.append(el('span', { class: 'fs-muted' }, ragMixText(row.byRag, row.carriedOver)));
    return el(
      'tr',
      {},
      el('th', { scope: 'row' }, `${row.indicator} ${row.shortName}`),
      el('td', { class: 'fs-num', 'data-label': 'Actions' }, String(row.actions)),
      el('td', { class: 'fs-num', 'data-label': 'Overdue' }, String(row.overdue)),
      el('td', { 'data-label': 'RAG mix' }, mix),
    );
  });
  const head = el(
    'tr',
    {},
    ...['Indicator', 'Actions', 'Overdue', 'RAG mix'].map((h, i) =>
      el('th', { scope: 'col', class: i === 1 || i === 2 ? 'fs-num' : null }, h),
    ),
  );
  return el(
    'section',
    { class: 'fs-panel', 'aria-labelledby': 'summary-heading' },
    el('h2', { id: 'summary-heading' }, 'Summary'),
    el('dl', { class: 'fs-stats' }, ...stats),
    el(
      'div',
      { class: 'fs-columns' },
      el('div', {}, el('h3', {}, 'Actions by RAG rating'), el('ul', { class: 'fs-rags' }, ...rags)),
      el(
        'div',
        {},
        el('h3', { id: 'indicator-heading' }, 'Actions by WRES indicator'),
        el(
          'table',
          { class: 'fs-indicators stack-narrow', 'aria-labelledby': 'indicator-heading' },
          el('thead', {}, head),
          el('tbody', {}, ...indicators),
        ),
      ),
    ),
  );
}

/** A cell of a plan row, led by its column name when rows are stacked on a narrow screen. */
function cell(area: string, label: string | null, ...children: Child[]): HTMLElement {
  return el('td', { class: `fs-${area}` }, label && el('span', { class: 'fs-label', 'aria-hidden': 'true' }, label), ...children);
}

/** The latest update's evidence links, as EvidenceLinks shows them in a plan row: host and path, a new tab, no opener. */
function evidence(action: PlanItem): HTMLElement | null {
  const links = action.latest?.links;
  if (!links?.length) return null;
  const max = 48;
  const labelId = `fs-evidence-${action.id}`;
  const item = (href: string) =>
    el(
      'li',
      {},
      isEvidenceLink(href)
        ? el('a', { href, target: '_blank', rel: 'noopener noreferrer', title: href }, bdi(linkLabel(href, max)))
        : bdi(href.length > max ? `${href.slice(0, max - 1)}…` : href),
    );
  return el(
    'div',
    { class: 'fs-evidence evidence-links' },
    el('span', { id: labelId, class: 'fs-meta' }, 'Evidence:'),
    el('ul', { 'aria-labelledby': labelId }, ...links.map(item)),
  );
}

function row(action: PlanItem): HTMLElement {
  const due = dueCellText(action);
  const latest = action.latest
    ? [
        el('bdi', { class: 'fs-clamp' }, action.latest.text),
        el('span', { class: 'fs-meta' }, bdi(action.latest.authorName), `, ${formatDate(action.latest.day)}`),
        evidence(action),
      ]
    : [el('span', { class: 'fs-meta' }, 'No update yet')];
  return el(
    'tr',
    { 'data-action-id': action.id, 'data-ref': action.ref },
    cell('ref', null, action.ref),
    cell(
      'title',
      null,
      el('a', { href: href(`/actions/${encodeURIComponent(action.id)}`) }, bdi(action.title)),
      el('span', { class: 'fs-meta' }, STATUS_LABELS[action.status]),
    ),
    cell('owner', 'Owner', bdi(action.ownerLabel)),
    cell(
      'due',
      'Due',
      due.date,
      due.note &&
        el(
          'span',
          { class: action.overdue ? 'fs-meta fs-overdue' : 'fs-meta' },
          action.overdue && el('span', { 'aria-hidden': 'true' }, '⚠ '),
          due.note,
        ),
    ),
    cell('rag', 'RAG', ragBadge(action)),
    cell('update', 'Latest update', ...latest, action.stale && el('span', { class: 'fs-meta fs-stale' }, 'No update in 30 days')),
  );
}

const COLUMNS = ['Ref', 'Action', 'Owner', 'Due', 'RAG', 'Latest update'];

/** The actions heading, count and groups with their rows. */
function actionsSection(plan: FirstScreenPlan): HTMLElement {
  const groups = plan.groups.map((group) => {
    const headingId = `group-${group.key}`;
    return el(
      'section',
      { class: 'fs-group', 'aria-labelledby': headingId, 'data-group': group.key },
      el(
        'h3',
        { id: headingId },
        el('span', { class: 'fs-chevron', 'aria-hidden': 'true' }, '⌄'),
        bdi(group.label),
        el('span', { class: 'fs-counts' }, groupCountsText(group.counts)),
      ),
      el(
        'table',
        { class: 'fs-actions', 'aria-labelledby': headingId },
        el(
          'thead',
          {},
          el('tr', {}, ...COLUMNS.map((c) => el('th', { scope: 'col', class: `fs-col-${c.split(' ')[0]!.toLowerCase()}` }, c))),
        ),
        el('tbody', {}, ...group.rows.map(row)),
      ),
    );
  });
  return el(
    'section',
    { 'aria-labelledby': 'actions-heading' },
    el('div', { class: 'fs-head' }, el('h2', { id: 'actions-heading' }, 'Actions')),
    // Where the filters and export buttons will be, so the rows do not move when they come.
    el('div', { class: 'fs-filters', 'aria-hidden': 'true' }),
    el('p', { class: 'fs-count' }, planCountText(plan.shown, plan.total, plan.filtered, plan.group)),
    ...(plan.shown ? groups : [el('p', { class: 'fs-muted' }, 'No actions match these filters.')]),
  );
}

/** Said on paper only, when the page is printed before the whole list has come: the paper is not the whole plan. */
function partialPrintNote(plan: FirstScreenPlan): HTMLElement {
  const drawn = plan.groups.reduce((n, g) => n + g.rows.length, 0);
  return el(
    'p',
    { class: 'fs-print-note' },
    `This paper shows only the first ${formatNumber(drawn)} rows of ${plural(plan.shown, 'action')}: the rest had not loaded yet. Print again in a moment for every action.`,
  );
}

/** Whether the plan page at this address has a first screen: not when it asks for a text search (only the service can answer that). */
export function hasFirstScreen(query: URLSearchParams): boolean {
  return !viewFromQuery(query).q.trim();
}

/** The first screen drawn: `complete` hands it the whole list when that comes before the app, so that printing gives every row. */
export interface DrawnFirstScreen {
  complete(whole: LoadedPlan): void;
}

/** Draws the plan's first screen into `root`, replacing what is there (only where `hasFirstScreen`). */
export function drawFirstScreen(
  root: HTMLElement,
  input: { me: MeResponse; plan: FirstScreenPlan; theme: HostTheme; query: URLSearchParams },
): DrawnFirstScreen {
  const { me, plan, theme, query } = input;
  let actions = actionsSection(plan);
  const main = el(
    'main',
    { id: 'main', class: 'fs-main', tabindex: '-1' },
    el('h1', {}, planHeadingText(plan.planYear)),
    el('p', { class: 'fs-intro' }, `As at ${formatLongDate(plan.today)}`),
    summaryPanel(plan.summary),
    actions,
  );
  const screen = el(
    'div',
    { class: 'first-screen', 'data-theme': theme, 'aria-busy': 'true', 'data-rows': plan.whole ? 'all' : 'first' },
    header(me),
    main,
  );
  root.replaceChildren(screen);
  keepFocusAcrossTakeover(root, screen);
  // Printed before the app takes over, the paper still gets every row, as the app prints them; if the
  // whole list has not come yet either, the paper says it is not the whole plan.
  let whole: LoadedPlan | undefined;
  let printed = plan.whole;
  window.addEventListener('beforeprint', () => {
    if (printed || !screen.isConnected) return;
    const next = whole ? actionsSection(fromWholeList(whole, query, Infinity)) : partialPrintNote(plan);
    if (whole) {
      printed = true;
      screen.querySelector('.fs-print-note')?.remove();
      actions.replaceWith(next);
      actions = next;
    } else if (!screen.querySelector('.fs-print-note')) actions.before(next);
  });
  return {
    complete(plan) {
      whole = plan;
      screen.setAttribute('data-rows', 'all');
    },
  };
}

/**
 * Gives the keyboard focus back once the app has replaced the first screen:
 * to the element with the same id, or the link to the same place with the
 * same words, so a keyboard or screen-reader user who started early keeps
 * their place.
 */
function keepFocusAcrossTakeover(root: HTMLElement, screen: HTMLElement): void {
  let focused: HTMLElement | null = null;
  screen.addEventListener('focusin', (e) => {
    focused = e.target instanceof HTMLElement ? e.target : null;
  });
  const observer = new MutationObserver(() => {
    if (screen.isConnected) return;
    observer.disconnect();
    const was: HTMLElement | null = focused;
    if (!was || (document.activeElement && document.activeElement !== document.body)) return;
    const href = was.getAttribute('href');
    const links = href ? [...root.querySelectorAll<HTMLElement>(`a[href="${CSS.escape(href)}"]`)] : [];
    const match = (was.id ? document.getElementById(was.id) : null) ?? links.find((a) => a.textContent === was.textContent) ?? links[0];
    match?.focus();
  });
  observer.observe(root, { childList: true });
}
