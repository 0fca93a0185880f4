import { useCallback, useRef, useState } from 'react';
import type { ApiClient } from '../api/client.js';

/** The two spreadsheet formats the tab offers for download. */
export type DownloadFormat = 'csv' | 'xlsx';

/** The words for each format, on its button and in what the page says about it. */
export const FORMAT_WORDS: Record<DownloadFormat, string> = { csv: 'CSV', xlsx: 'Excel' };

/** One download's state: which format is being prepared (null when none), the last failure, and a way to start one. */
export interface Download {
  busy: DownloadFormat | null;
  error: { format: DownloadFormat; cause: unknown } | null;
  start(format: DownloadFormat): void;
}

/**
 * Downloads `pathFor(format)` from the tab API as a file (named by the
 * response's Content-Disposition, else `fileNameFor(format)`). One download
 * at a time: a second press while one is being prepared does nothing, even
 * within the same moment. A success is announced to screen readers through
 * `announce`; a failure is kept in `error` for the page to say in words.
 */
export function useDownload(
  api: ApiClient,
  pathFor: (format: DownloadFormat) => string,
  fileNameFor: (format: DownloadFormat) => string,
  announce?: (message: string) => void,
): Download {
  const [busy, setBusy] = useState<DownloadFormat | null>(null);
  const [error, setError] = useState<Download['error']>(null);
  // State updates land after the render; the ref refuses a second press made before then.
  const running = useRef(false);
  const start = useCallback(
    (format: DownloadFormat) => {
      if (running.current) return;
      running.current = true;
      setBusy(format);
      setError(null);
      api
        .download(pathFor(format), fileNameFor(format))
        .then(
          () => announce?.(`${FORMAT_WORDS[format]} file downloaded.`),
          (cause: unknown) => setError({ format, cause }),
        )
        .finally(() => {
          running.current = false;
          setBusy(null);
        });
    },
    [api, pathFor, fileNameFor, announce],
  );
  return { busy, error, start };
}
