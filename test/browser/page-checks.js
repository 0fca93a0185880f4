// Measurements the browser tests run inside the page: browser code (DOM globals), so it is
// plain JavaScript outside the Node type-check, sent with page.evaluate by `inPage` in harness.ts.
// One arrow function returning the checks by name; each returns readable problem lines (empty when fine).
// eslint-disable-next-line @typescript-eslint/no-unused-expressions -- the file is this one expression, evaluated in the page by inPage
() => ({
  /** Sideways scrolling, cells off screen, cut off, squeezed or overlapping, a squeezed action title, a nav on two lines. */
  layoutProblems() {
    const problems = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) problems.push(`page scrolls sideways: ${doc.scrollWidth} px wide in ${doc.clientWidth} px`);
    const label = (el) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} “${(el.textContent ?? '').trim().slice(0, 30)}”`;
    const shown = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const overlap = (a, b) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    // Cells of each row (and header cells of each header row) must not overlap, and each must show its content.
    // A header row hidden for sighted readers (stacked tables keep it for screen readers) is not laid out text.
    const visuallyHidden = (el) => el.getBoundingClientRect().height <= 1 || getComputedStyle(el).clipPath.startsWith('inset(50%');
    for (const row of document.querySelectorAll('main tr')) {
      const head = row.closest('thead');
      if (head && visuallyHidden(head)) continue;
      const cells = [...row.children].filter((c) => (c.textContent ?? '').trim() && shown(c));
      for (const cell of cells) {
        const r = cell.getBoundingClientRect();
        if (r.right > doc.clientWidth + 1 || r.left < -1)
          problems.push(`${label(cell)} is off screen (${Math.round(r.left)}–${Math.round(r.right)})`);
        if (cell.scrollWidth > cell.clientWidth + 2 && getComputedStyle(cell).overflowX !== 'visible')
          problems.push(`${label(cell)} is cut off (${cell.scrollWidth} px in ${cell.clientWidth} px)`);
        if (r.width < 24) problems.push(`${label(cell)} is only ${Math.round(r.width)} px wide`);
      }
      for (let i = 0; i < cells.length; i++)
        for (let j = i + 1; j < cells.length; j++)
          if (overlap(cells[i].getBoundingClientRect(), cells[j].getBoundingClientRect()))
            problems.push(`${label(cells[i])} overlaps ${label(cells[j])}`);
    }
    // Every table cell that has text is on screen (a column squeezed out or scrolled away is lost to the reader).
    for (const cell of document.querySelectorAll('main td, main th')) {
      if (!(cell.textContent ?? '').trim()) continue;
      if (!shown(cell) && !cell.closest('thead')) problems.push(`${label(cell)} is not shown`);
    }
    // The action's title gets a fair share of the width (it was squeezed to 14 px at 390 px, 50 px at 768 px).
    for (const link of [...document.querySelectorAll('main [data-action-id] a')].slice(0, 20)) {
      const w = link.getBoundingClientRect().width;
      if (shown(link) && w < Math.min(doc.clientWidth * 0.2, 200)) problems.push(`${label(link)} is only ${Math.round(w)} px wide`);
    }
    // The header's parts (name, organisation list, person, sections) each keep their own space.
    // (A part squeezed to no width at all still counts: its words then spill over its neighbours.)
    // (A wrapper laid out as `display: contents` is no box of its own: its children are the parts.)
    const parts = [...document.querySelectorAll('header > div:first-of-type > *')]
      .flatMap((p) => (getComputedStyle(p).display === 'contents' ? [...p.children] : [p]))
      .filter((p) => p.getClientRects().length > 0);
    for (let i = 0; i < parts.length; i++)
      for (let j = i + 1; j < parts.length; j++)
        if (overlap(parts[i].getBoundingClientRect(), parts[j].getBoundingClientRect()))
          problems.push(`the header's ${label(parts[i])} overlaps its ${label(parts[j])}`);
    // (The sections are checked below: a link's padding may run into the bar's margin at 320 px, its words stay on screen.)
    for (const part of parts.filter((p) => p.tagName !== 'NAV')) {
      const r = part.getBoundingClientRect();
      if (r.right > doc.clientWidth + 1 || r.left < -1) problems.push(`the header's ${label(part)} is off screen`);
      const spilt = [...part.querySelectorAll('*')].find((el) => {
        const e = el.getBoundingClientRect();
        return shown(el) && (e.left < r.left - 1 || e.right > r.right + 1);
      });
      if (spilt) problems.push(`the header's ${label(spilt)} spills out of its ${label(part)}`);
      else if (part.scrollWidth > part.clientWidth + 1) problems.push(`the header's ${label(part)} is too narrow for its words`);
    }
    // Text runs inside a line: the words of one text node must not sit on top of each other's neighbours.
    const links = [...document.querySelectorAll('nav[aria-label="Sections"] a')];
    const tops = new Set(links.map((a) => Math.round(a.getBoundingClientRect().top)));
    if (tops.size > 1) problems.push(`the sections wrap onto ${tops.size} lines`);
    for (let i = 0; i < links.length; i++)
      for (let j = i + 1; j < links.length; j++)
        if (overlap(links[i].getBoundingClientRect(), links[j].getBoundingClientRect()))
          problems.push(`${label(links[i])} overlaps ${label(links[j])}`);
    return problems;
  },

  /** In print layout: anything drawn outside its table cell, and RAG badges overlapping a neighbouring cell. */
  printProblems() {
    const problems = [];
    const inside = (inner, outer) => inner.left >= outer.left - 1 && inner.right <= outer.right + 1;
    const overlap = (a, b) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    for (const row of document.querySelectorAll('main tr')) {
      const cells = [...row.children];
      for (const cell of cells) {
        const box = cell.getBoundingClientRect();
        // Everything drawn in a cell (badges, links, text) stays within it.
        for (const part of cell.querySelectorAll('*')) {
          const r = part.getBoundingClientRect();
          if (r.width > 0 && !inside(r, box))
            problems.push(
              `“${(part.textContent ?? '').trim().slice(0, 24)}” spills out of its cell (${Math.round(r.right)} > ${Math.round(box.right)})`,
            );
        }
        for (const other of cells)
          if (
            other !== cell &&
            [...cell.querySelectorAll('[data-rag]')].some((b) => overlap(b.getBoundingClientRect(), other.getBoundingClientRect()))
          )
            problems.push(`a RAG badge overlaps the “${(other.textContent ?? '').trim().slice(0, 24)}” cell`);
      }
    }
    return [...new Set(problems)];
  },

  /** Text nodes holding a direction override (U+202A–E, U+2066–9) that are not isolated from the text around them. */
  unisolatedBidi() {
    const controls = /[\u202A-\u202E\u2066-\u2069]/;
    const found = [];
    const walker = document.createTreeWalker(document.getElementById('root'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!controls.test(node.textContent ?? '')) continue;
      let ok = false;
      for (let el = node.parentElement; el; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (['isolate', 'isolate-override', 'plaintext'].includes(style.unicodeBidi)) {
          ok = true;
          break;
        }
        // Alone in its own block, the override cannot reach any other text.
        if (!style.display.startsWith('inline')) {
          ok = (el.textContent ?? '').trim() === (node.textContent ?? '').trim();
          break;
        }
      }
      if (!ok) found.push(`${node.parentElement?.tagName.toLowerCase()}: ${JSON.stringify(node.parentElement?.textContent?.slice(0, 60))}`);
    }
    return found;
  },

  /** Whether `first` is drawn before `then` (left of it on one line, or above it) in the first element matching `selector`. */
  drawnInOrder(selector, first, then) {
    const el = document.querySelector(selector);
    if (!el) throw new Error(`nothing matches ${selector}`);
    const box = (needle) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? '').indexOf(needle);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle.length);
        return range.getBoundingClientRect();
      }
      throw new Error(`"${needle}" not found`);
    };
    const a = box(first);
    const b = box(then);
    return Math.abs(a.top - b.top) > a.height / 2 ? a.top < b.top : a.left < b.left;
  },
});
