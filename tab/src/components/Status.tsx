import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import { ApiError } from '../api/client.js';

/** A centred spinner with a label that screen readers announce. */
export function Loading({ label }: { label: string }) {
  return <Spinner size="small" label={label} labelPosition="after" style={{ margin: '32px 0' }} />;
}

/** The user-facing text for a failed load: the server's message when it sent one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Please try again.';
}

/** A failed load, with a way to try again. */
export function LoadError({ error, what, onRetry }: { error: unknown; what: string; onRetry?: () => void }) {
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>Could not load {what}</MessageBarTitle>
        {errorMessage(error)}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>Try again</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
