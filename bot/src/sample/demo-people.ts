import type { Person } from '../domain/model.js';

/** A person in the demo organisation, with the job title the sample plan gives them. */
export interface DemoPerson extends Person {
  email: string;
  aadObjectId: string;
  jobTitle: string;
}

/**
 * The demo directory: the users the Microsoft 365 Agents Playground knows
 * (Alex Wilber is its default signed-in user), so cards and the tab line up
 * with who is chatting there, plus a board member (Nestor Wilke) who owns
 * nothing and only reads.
 */
export const DEMO_PEOPLE = {
  alex: {
    displayName: 'Alex Wilber',
    email: 'alexw@example.com',
    aadObjectId: '00000000-0000-0000-0000-0000000000020',
    jobTitle: 'Recruitment Lead',
  },
  megan: {
    displayName: 'Megan Bowen',
    email: 'meganb@example.com',
    aadObjectId: '00000000-0000-0000-0000-0000000000021',
    jobTitle: 'Head of Employee Relations',
  },
  adele: {
    displayName: 'Adele Vance',
    email: 'adelev@example.com',
    aadObjectId: '00000000-0000-0000-0000-0000000000022',
    jobTitle: 'Education and Workforce Development Lead',
  },
  isaiah: {
    displayName: 'Isaiah Langer',
    email: 'isaiahl@example.com',
    aadObjectId: '00000000-0000-0000-0000-0000000000023',
    jobTitle: 'Workforce Information Manager',
  },
  patti: {
    displayName: 'Patti Fernandez',
    email: 'pattif@example.com',
    aadObjectId: '00000000-0000-0000-0000-0000000000024',
    jobTitle: 'Communications Manager',
  },
  lynne: {
    displayName: 'Lynne Robbins',
    email: 'lynner@example.com',
    aadObjectId: '00000000-0000-0000-0000-0000000000025',
    jobTitle: 'Equality, Diversity and Inclusion Manager',
  },
  nestor: {
    displayName: 'Nestor Wilke',
    email: 'nestorw@example.com',
    aadObjectId: '00000000-0000-0000-0000-0000000000026',
    jobTitle: 'Non-executive Director (board member)',
  },
} as const satisfies Record<string, DemoPerson>;

/** Key of a demo person. */
export type DemoPersonKey = keyof typeof DEMO_PEOPLE;

/**
 * The demo organisation's E&D leads, used when ED_LEADS is empty in
 * development (see rolesFromConfig): the Playground's default user and the
 * Equality, Diversity and Inclusion Manager.
 */
export const DEMO_ED_LEADS: readonly string[] = [DEMO_PEOPLE.alex.email, DEMO_PEOPLE.lynne.email];
