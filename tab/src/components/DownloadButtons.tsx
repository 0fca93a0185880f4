import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import type { ApiClient } from '../api/client.js';
import { errorMessage } from './Status.js';
import { FORMAT_WORDS, useDownload, type DownloadFormat } from './use-download.js';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  error: { marginTop: tokens.spacingVerticalS },
});

const FORMATS: readonly DownloadFormat[] = ['csv', 'xlsx'];

/**
 * "Export CSV" and "Export Excel" buttons for one download (see useDownload),
 * then `children` (e.g. a print button) in the same row, and beneath them, when
 * a download fails, which file was not downloaded and why. A button stays
 * focusable while its file is prepared, so keyboard focus is not lost. Hidden
 * in print.
 */
export function DownloadButtons(props: {
  api: ApiClient;
  pathFor: (format: DownloadFormat) => string;
  fileNameFor: (format: DownloadFormat) => string;
  announce?: (message: string) => void;
  className?: string;
  children?: ReactNode;
}) {
  const styles = useStyles();
  const { busy, error, start } = useDownload(props.api, props.pathFor, props.fileNameFor, props.announce);
  return (
    <div className={props.className ? `no-print ${props.className}` : 'no-print'}>
      <div className={styles.bar}>
        {FORMATS.map((format) => (
          <Button key={format} icon={<ArrowDownloadRegular />} disabledFocusable={busy !== null} onClick={() => start(format)}>
            {busy === format ? `Preparing ${FORMAT_WORDS[format]}…` : `Export ${FORMAT_WORDS[format]}`}
          </Button>
        ))}
        {props.children}
      </div>
      {error && (
        <MessageBar intent="error" role="alert" layout="multiline" className={styles.error}>
          <MessageBarBody>
            <MessageBarTitle>The {FORMAT_WORDS[error.format]} file was not downloaded</MessageBarTitle>
            {errorMessage(error.cause)}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
