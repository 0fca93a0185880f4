import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

/**
 * A table body that renders only the rows near the screen (the page itself
 * scrolls), with spacer rows standing in for the rest so the scroll bar and
 * the groups below stay where they would be. Row heights are measured as
 * rows render (`measure` goes on each row as its ref).
 */
export function VirtualRows({
  count,
  estimateSize,
  render,
}: {
  count: number;
  estimateSize: number;
  render: (index: number, measure: (el: Element | null) => void) => ReactNode;
}) {
  const body = useRef<HTMLTableSectionElement>(null);
  const virtualizer = useWindowVirtualizer<Element>({
    count,
    estimateSize: () => estimateSize,
    overscan: 6,
    // How far the top of the screen is below the top of this body: the body is one of several on the page.
    observeElementOffset: (_instance, report) => {
      const read = () => report(body.current ? -body.current.getBoundingClientRect().top : 0, false);
      read();
      window.addEventListener('scroll', read, { passive: true });
      // Groups above may grow or shrink (rows measured, a group folded) without any scrolling.
      const resized = new ResizeObserver(read);
      resized.observe(document.body);
      return () => {
        window.removeEventListener('scroll', read);
        resized.disconnect();
      };
    },
  });
  const rows = virtualizer.getVirtualItems();
  const before = rows[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (rows.at(-1)?.end ?? 0);
  return (
    <tbody role="rowgroup" ref={body}>
      {before > 0 && <Spacer height={before} />}
      {rows.map((row) => render(row.index, virtualizer.measureElement))}
      {after > 0 && <Spacer height={after} />}
    </tbody>
  );
}

function Spacer({ height }: { height: number }) {
  return (
    <tr aria-hidden="true">
      <td colSpan={99} style={{ height, padding: 0, border: 'none' }} />
    </tr>
  );
}
