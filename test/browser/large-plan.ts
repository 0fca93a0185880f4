/** A synthetic plan of any size for the tab benchmark: deterministic, realistic field lengths, every indicator and RAG used. */
import type { IndicatorNumber, Rag, Status } from '../../bot/src/domain/model.js';
import type { ImportedAction } from '../../bot/src/store/plan-store.js';

const THEMES = [
  'Recruitment and shortlisting',
  'Disciplinary process',
  'Training and development',
  'Bullying and harassment',
  'Career progression',
  'Board representation',
];
const VERBS = ['Audit', 'Review', 'Launch', 'Publish', 'Train', 'Monitor', 'Embed', 'Evaluate'];
const OBJECTS = [
  'interview panels for band 8a and above',
  'disciplinary cases by ethnicity',
  'access to non-mandatory CPD',
  'reverse mentoring for board members',
  'the BME staff network',
  'bystander training for managers',
];
const RAGS: Rag[] = ['Red', 'Amber', 'Amber', 'Green', 'Green', 'Blue'];

/** `count` actions for plan year 2025/26, due across 2025–2027, owned by 60 people, one progress entry each. */
export function largePlan(count: number): ImportedAction[] {
  return Array.from({ length: count }, (_, i) => {
    const rag = RAGS[i % RAGS.length]!;
    const status: Status = rag === 'Blue' ? 'Complete' : i % 7 === 0 ? 'NotStarted' : 'InProgress';
    const first = ((i % 9) + 1) as IndicatorNumber;
    const indicators: IndicatorNumber[] = i % 4 === 0 ? [first, (((i + 3) % 9) + 1) as IndicatorNumber].sort((a, b) => a - b) : [first];
    const person = i % 60;
    const due = new Date(Date.UTC(2025, 0, 1) + ((i * 37) % 1000) * 86_400_000).toISOString().slice(0, 10);
    return {
      action: {
        ref: `${first}.${i + 1}`,
        planYear: '2025/26',
        theme: THEMES[i % THEMES.length]!,
        indicators: [...new Set(indicators)],
        title: `${VERBS[i % VERBS.length]} ${OBJECTS[i % OBJECTS.length]} (${i + 1})`,
        measure: 'Relative likelihood moves towards parity (1.00) by the next WRES return',
        owner: { displayName: `Owner ${person}`, email: `owner${person}@example.nhs.uk` },
        leadRole: 'Head of Workforce',
        dueDate: due,
        dueText: due,
        status,
        rag,
      },
      history: [
        {
          text: `Progress note for action ${i + 1}: panels audited, findings shared with the workforce committee.`,
          submittedAt: '2026-01-15T10:00:00Z',
          authorName: `Owner ${person}`,
        },
      ],
    };
  });
}
