import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { switchOrganisation } from '../api/organisation.js';
import type { OrgChoiceDetails } from '../api/types.js';
import { ROLE_LABELS } from '../lib/sections.js';
import { href, RouteLink } from '../router.js';
import { PageHeading } from './PageHeading.js';

const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingVerticalS, listStyleType: 'none', margin: `${tokens.spacingVerticalM} 0`, padding: 0 },
  choice: { width: '100%', maxWidth: '32rem', justifyContent: 'flex-start', textAlign: 'left' },
  role: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
});

/**
 * Shown instead of a page when the service needs to know which organisation
 * (a person in several) or refused the one asked for: the refusal in words,
 * the person's own organisations to open, and the admin page for a platform admin.
 */
export function OrganisationChooser({ choice, refusal }: { choice: OrgChoiceDetails; refusal?: string }) {
  const styles = useStyles();
  return (
    <section aria-labelledby="choose-organisation">
      <PageHeading>
        <span id="choose-organisation">{choice.organisations.length ? 'Choose an organisation' : 'No organisation to open'}</span>
      </PageHeading>
      {refusal && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{refusal}</MessageBarBody>
        </MessageBar>
      )}
      {choice.organisations.length > 0 && (
        <ul className={styles.list}>
          {choice.organisations.map((o) => (
            <li key={o.id}>
              <Button className={styles.choice} onClick={() => switchOrganisation(o.id, href('/'))}>
                <bdi>{o.name}</bdi>&nbsp;({o.id})&nbsp;<span className={styles.role}>· {ROLE_LABELS[o.role]}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      {choice.platformAdmin && (
        <p>
          <RouteLink to="/admin">Manage organisations</RouteLink>
        </p>
      )}
    </section>
  );
}
