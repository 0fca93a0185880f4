import type { Action, ProgressUpdate } from '../../bot/src/domain/model.js';

/** An action as the sample plan would hold it; override any field. */
export function anAction(overrides: Partial<Action> = {}): Action {
  return {
    id: 'a-2-3',
    ref: '2.3',
    planYear: '2020/21',
    theme: 'Recruitment',
    indicators: [2],
    title: 'Audit shortlisting panels for diversity',
    measure: 'Every band 8a+ panel has a BME member',
    owner: { displayName: 'Priya Shah', email: 'priya.shah@example.com', aadObjectId: 'aad-priya' },
    leadRole: 'Head of Resourcing',
    dueDate: '2021-03-17',
    dueText: '17/3/2021',
    status: 'InProgress',
    rag: 'Amber',
    latestUpdate: { text: 'Panels for 3 of 5 posts audited', authorName: 'Priya Shah', submittedAt: '2021-02-12T10:00:00Z' },
    updatedAt: '2021-02-12T10:00:00Z',
    version: 3,
    ...overrides,
  };
}

/** A progress update; override any field. */
export function anUpdate(overrides: Partial<ProgressUpdate> = {}): ProgressUpdate {
  return {
    id: 'u-1',
    actionId: 'a-2-3',
    text: 'Audited remaining two panels',
    ragFrom: 'Amber',
    ragTo: 'Amber',
    statusFrom: 'InProgress',
    statusTo: 'InProgress',
    author: { aadObjectId: 'aad-priya', name: 'Priya Shah' },
    submittedAt: '2021-03-10T09:14:00Z',
    source: 'teams',
    requestId: 'req-00000001',
    ...overrides,
  };
}
