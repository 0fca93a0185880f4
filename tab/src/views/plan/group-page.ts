/** Rows rendered per group before "Show more": keeps a 5,000-action plan quick to open. */
export const GROUP_PAGE = 30;
