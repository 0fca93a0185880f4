import { PageHeading } from '../components/PageHeading.js';
import { RouteLink } from '../router.js';

/** A tab address that matches no page. */
export default function NotFoundPage() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>
        This address is not part of the plan. <RouteLink to="/">Go to the plan</RouteLink>.
      </p>
    </>
  );
}
