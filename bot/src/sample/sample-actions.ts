import type { IndicatorNumber, Rag } from '../domain/model.js';
import type { DemoPersonKey } from './demo-people.js';

/** One sample action, with dates as days relative to the day the sample is loaded. */
export interface SampleActionSpec {
  ref: string;
  indicators: IndicatorNumber[];
  theme: string;
  title: string;
  measure: string;
  owner: DemoPersonKey | null;
  leadRole: string;
  /** Days from today; 'ongoing' for work with no end date. */
  due: number | 'ongoing';
  rag: Rag;
  /** Progress notes as [days ago, text], oldest first. */
  notes: [number, string][];
}

const T = {
  workforce: 'BME staff are under-represented at band 8a and above',
  recruitment: 'BME applicants are less likely to be appointed from shortlisting',
  disciplinary: 'BME staff are more likely to enter the formal disciplinary process',
  training: 'BME staff are less likely to access non-mandatory training and CPD',
  patients: 'BME staff report more harassment and abuse from patients and the public',
  staff: 'BME staff report more bullying and harassment from colleagues',
  progression: 'Fewer BME staff believe the Trust offers equal opportunities for progression',
  discrimination: 'BME staff report more discrimination from managers and colleagues',
  board: 'The board does not reflect the workforce or the community it serves',
};

/** The sample plan: written for this product, covering all nine WRES indicators. */
export const SAMPLE_ACTIONS: SampleActionSpec[] = [
  { ref: '1.1', indicators: [1], theme: T.workforce, title: 'Publish the ethnicity breakdown of every AfC band and VSM, clinical and non-clinical, each quarter', measure: 'Quarterly breakdown on the intranet within six weeks of quarter end', owner: 'isaiah', leadRole: '', due: 40, rag: 'Green', notes: [[75, 'Q1 figures published on the intranet and shared with the BME network.'], [20, 'Q2 data pulled from ESR; waiting for sign-off at the Workforce Committee.']] },
  { ref: '1.2', indicators: [1], theme: T.workforce, title: "Run a 'Why declare?' campaign to bring ESR records with ethnicity 'not stated' below 5%", measure: "Ethnicity 'not stated' below 5% of ESR records", owner: 'patti', leadRole: '', due: -12, rag: 'Amber', notes: [[50, 'Campaign wording agreed with the BME staff network.'], [41, 'Launched in the staff bulletin; 112 records updated in the first fortnight. Not stated now 9.8%.']] },
  { ref: '1.3', indicators: [1, 7, 9], theme: T.workforce, title: 'Set up reciprocal mentoring pairing each executive director with a BME colleague at band 5 to 7', measure: 'Every executive director in a reciprocal mentoring pair', owner: 'megan', leadRole: '', due: 75, rag: 'Green', notes: [[30, 'Eight pairs matched; first conversations booked for next month.']] },
  { ref: '2.1', indicators: [2], theme: T.recruitment, title: 'Audit shortlisting decisions for every band 8a and above post advertised in the last six months', measure: 'Audit report to the Workforce Equality Group with findings by directorate', owner: 'alex', leadRole: 'Recruitment Lead', due: 5, rag: 'Amber', notes: [[40, 'Audit template agreed with the HR business partners.'], [9, 'Panels for 3 of 5 posts audited; two of the three had no BME panel member.']] },
  { ref: '2.2', indicators: [2], theme: T.recruitment, title: 'Make sure every interview panel for band 7 and above includes a trained BME panel member', measure: 'Every band 7+ panel in the quarter has a trained BME member', owner: 'alex', leadRole: 'Recruitment Lead', due: -6, rag: 'Red', notes: [[35, 'Only 9 trained BME panel members across the Trust; we need at least 20 to cover every panel.']] },
  { ref: '2.3', indicators: [2], theme: T.recruitment, title: "Add guidance on fair shortlisting to the recruiting managers' toolkit and the TRAC templates", measure: 'Guidance live in TRAC and linked from every shortlisting screen', owner: null, leadRole: 'Head of Resourcing', due: 12, rag: 'None', notes: [] },
  { ref: '2.4', indicators: [2], theme: T.recruitment, title: 'Report the likelihood of appointment from shortlisting by directorate to the Workforce Committee', measure: 'Directorate figures in the committee pack each quarter', owner: 'alex', leadRole: 'Recruitment Lead', due: 10, rag: 'Green', notes: [[3, 'Data extract requested from TRAC; directorate split agreed with finance.']] },
  { ref: '2.5', indicators: [2], theme: T.recruitment, title: 'Pilot name-blind shortlisting in Estates and Facilities', measure: 'Pilot evaluated and a decision made on roll-out', owner: 'alex', leadRole: 'Recruitment Lead', due: -30, rag: 'Blue', notes: [[60, 'Pilot running on 14 vacancies.'], [32, 'Evaluation to the Workforce Equality Group: the shortlisting ratio improved from 1.61 to 1.18. Pilot closed; roll-out agreed.']] },
  { ref: '3.1', indicators: [3], theme: T.disciplinary, title: 'Introduce a pre-formal checklist, signed off by a senior HR lead, before any case enters the formal disciplinary process', measure: 'Checklist used for every case opened in the quarter', owner: 'megan', leadRole: '', due: -45, rag: 'Blue', notes: [[80, 'Checklist drafted with staff side.'], [47, 'Checklist in use from 1st of the month; all new cases reviewed.']] },
  { ref: '3.2', indicators: [3], theme: T.disciplinary, title: 'Review the last two years of disciplinary cases for ethnicity patterns by directorate', measure: 'Findings and actions agreed at the Workforce Equality Group', owner: 'megan', leadRole: '', due: -3, rag: 'Amber', notes: [[38, 'Case list extracted: 143 cases over two years. Analysis started.']] },
  { ref: '3.3', indicators: [3], theme: T.disciplinary, title: 'Train investigating officers in cultural awareness and just culture principles', measure: 'All investigating officers trained', owner: null, leadRole: 'Head of Employee Relations / Learning and Development team', due: 60, rag: 'None', notes: [] },
  { ref: '4.1', indicators: [4], theme: T.training, title: 'Monitor applications for and take-up of non-mandatory training and CPD by ethnicity each quarter', measure: 'Relative likelihood reported quarterly; target 1.00 to 1.25', owner: 'adele', leadRole: '', due: 'ongoing', rag: 'Green', notes: [[14, 'Q2 report done: relative likelihood 1.09, down from 1.31 last year.']] },
  { ref: '4.2', indicators: [4, 7], theme: T.training, title: 'Ring-fence places on the Mary Seacole leadership programme for BME staff at band 5 to 7', measure: '15 places filled by BME staff', owner: 'adele', leadRole: '', due: 8, rag: 'Green', notes: [[6, '12 of 15 places filled; interviews for the last three next week.']] },
  { ref: '4.3', indicators: [4], theme: T.training, title: 'Publish a clear and fair process for approving study leave and CPD funding', measure: 'Process published and applied by every directorate', owner: 'adele', leadRole: '', due: -20, rag: 'Red', notes: [[45, 'Draft process with staff side for comment.']] },
  { ref: '5.1', indicators: [5], theme: T.patients, title: 'Launch a zero-tolerance campaign on racist abuse from patients and visitors in every ward and clinic', measure: 'Campaign visible in every ward and clinic', owner: 'patti', leadRole: '', due: 3, rag: 'Amber', notes: [[25, 'Posters designed with the BME staff network.'], [2, 'Print run delayed a week; the electronic screens in outpatients are already live.']] },
  { ref: '5.2', indicators: [5], theme: T.patients, title: 'Give ward managers a procedure and letter templates for responding to racist abuse from patients', measure: 'Procedure approved and on the intranet', owner: null, leadRole: 'Head of Patient Safety', due: 30, rag: 'None', notes: [] },
  { ref: '6.1', indicators: [6], theme: T.staff, title: 'Train 40 Freedom to Speak Up champions, at least a third of them BME staff', measure: '40 champions trained, 14 or more BME', owner: 'lynne', leadRole: '', due: 45, rag: 'Green', notes: [[12, '26 champions trained so far; 11 of them are BME.']] },
  { ref: '6.2', indicators: [6, 8], theme: T.staff, title: "Run 'No bystanders' workshops for every team whose staff survey bullying score is above the Trust average", measure: 'Workshops held for all 18 teams', owner: 'megan', leadRole: '', due: 13, rag: 'Amber', notes: [[33, '7 of 18 teams booked; three managers have not replied.']] },
  { ref: '7.1', indicators: [7], theme: T.progression, title: 'Offer a career conversation with a trained coach to every BME colleague at band 5 to 7 who asks for one', measure: 'Every request met within six weeks', owner: 'adele', leadRole: '', due: 90, rag: 'Green', notes: [[8, '31 conversations held; average wait three weeks.']] },
  { ref: '7.2', indicators: [7], theme: T.progression, title: 'Advertise every acting-up and secondment opportunity openly on the intranet', measure: 'No acting-up or secondment filled without an open advert', owner: null, leadRole: 'Head of Resourcing', due: -60, rag: 'Blue', notes: [[64, 'Open advertising now required by the vacancy control panel.']] },
  { ref: '7.3', indicators: [7, 1], theme: T.progression, title: 'Set up a BME talent pool that feeds the succession plan for band 8a and above', measure: 'Talent pool in place and used for every 8a+ succession plan', owner: 'alex', leadRole: 'Recruitment Lead', due: 40, rag: 'Green', notes: [[18, 'Criteria agreed with the BME network; nominations open.']] },
  { ref: '8.1', indicators: [8], theme: T.discrimination, title: 'Analyse staff survey comments about discrimination with the BME network and agree three priority actions', measure: 'Three priority actions agreed and added to this plan', owner: 'lynne', leadRole: '', due: -9, rag: 'Amber', notes: [[34, 'Comments themed; workshop with the network postponed to fit the survey timetable.']] },
  { ref: '8.2', indicators: [8], theme: T.discrimination, title: "Add an inclusive behaviours objective to every manager's appraisal", measure: 'Objective in every manager appraisal this year', owner: null, leadRole: 'Director of Workforce and OD', due: 'ongoing', rag: 'None', notes: [] },
  { ref: '9.1', indicators: [9], theme: T.board, title: 'Use diverse shortlists and an independent adviser for every executive and non-executive director appointment', measure: 'Every board appointment process has a diverse shortlist', owner: null, leadRole: 'Trust Secretary', due: 100, rag: 'Green', notes: [[21, 'Search agency briefed for the non-executive vacancy; shortlist due next month.']] },
  { ref: '9.2', indicators: [9], theme: T.board, title: "Hold a board development session on the WRES results and the Trust's race equality commitments", measure: 'Session held and commitments minuted', owner: 'lynne', leadRole: '', due: -25, rag: 'Blue', notes: [[27, 'Session held with an external facilitator; commitments minuted.']] },
  { ref: '9.3', indicators: [9, 7], theme: T.board, title: 'Start a board shadowing programme for aspiring BME leaders', measure: 'Six colleagues shadowing board members', owner: 'megan', leadRole: '', due: 25, rag: 'None', notes: [] },
];
