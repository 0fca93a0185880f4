import { Field, MessageBar, MessageBarBody, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { pages } from '@microsoft/teams-js';
import { useEffect, useState } from 'react';
import { PageHeading } from '../../components/PageHeading.js';
import type { Host } from '../../host/teams-host.js';

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2, maxWidth: '60ch' },
});

/** The views a channel tab can open on; the entity id names the choice for Teams. */
const CHOICES = [
  { value: 'plan', path: '/tab/', entityId: 'wres-plan', name: 'WRES plan', label: 'The whole plan, with its summary' },
  { value: 'since', path: '/tab/since', entityId: 'wres-since', name: 'WRES since the last board', label: 'Changes since the last board' },
] as const;

/** The settings URLs Teams needs for the channel tab, built from where this page was served (PUBLIC_URL). */
function tabConfig(origin: string, choice: (typeof CHOICES)[number]): pages.InstanceConfig {
  return {
    contentUrl: origin + choice.path,
    websiteUrl: origin + choice.path,
    entityId: choice.entityId,
    suggestedDisplayName: choice.name,
  };
}

/**
 * The configuration page of the channel tab (/tab/config): the user picks what
 * the tab opens on and Teams saves it with `pages.config.setConfig`.
 */
export default function ConfigPage({ host }: { host: Host }) {
  const styles = useStyles();
  const [value, setValue] = useState<(typeof CHOICES)[number]['value']>('plan');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!host.inTeams) return;
    const choice = CHOICES.find((c) => c.value === value) ?? CHOICES[0];
    pages.config.registerOnSaveHandler((saveEvent) => {
      pages.config.setConfig(tabConfig(window.location.origin, choice)).then(
        () => saveEvent.notifySuccess(),
        (e: unknown) => {
          setError('Teams could not save the tab. Please try again.');
          saveEvent.notifyFailure(e instanceof Error ? e.message : String(e));
        },
      );
    });
    pages.config.setValidityState(true);
  }, [host, value]);

  return (
    <>
      <PageHeading>Add the WRES action plan to this channel</PageHeading>
      <p className={styles.intro}>
        Everyone in the channel will see the plan. Owners and E&D leads can add progress updates from it; board members can read it and
        print the board paper.
      </p>
      {!host.inTeams && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            This page is shown by Teams when the tab is added to a channel. Open it from Teams to save the tab.
          </MessageBarBody>
        </MessageBar>
      )}
      <Field label="Open the tab on">
        <RadioGroup value={value} onChange={(_e, d) => setValue(d.value as typeof value)}>
          {CHOICES.map((c) => (
            <Radio key={c.value} value={c.value} label={c.label} />
          ))}
        </RadioGroup>
      </Field>
      {error && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
