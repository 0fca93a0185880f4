import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { Component, type ReactNode } from 'react';

/**
 * Catches a page that fails to render or to load (e.g. its code chunk is gone
 * after the service was updated) and offers a reload instead of a blank tab.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>This page could not be shown</MessageBarTitle>
          The tab may have been updated since you opened it.
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={() => window.location.reload()}>Reload</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
}
