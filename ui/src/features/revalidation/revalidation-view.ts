// Revalidation figures in words and as a chart: counters against targets, hours to the
// tenth, and clinical against management CPD a quarter at a time.
import type { ClinicalCurrency, Counter } from '../../ipc/revalidation';
import type { BarSpec } from '../coverage/bar-chart';

export const CLINICAL_LABEL = 'Clinical CPD';
export const MANAGEMENT_LABEL = 'Management CPD';
const NHS_GREEN = '#007f3b';
const NHS_WARM_YELLOW = '#ffb81c';
const NHS_GREY_1 = '#4c6272';

const SINGULAR: Record<string, string> = { hours: 'hour', pieces: 'piece', accounts: 'account', entries: 'entry' };

/** Hours to one decimal place, whole numbers without one: 12.25 gives "12.3", 35 gives "35". */
export function figure(value: number): string {
  const tenths = Math.round(value * 10) / 10;
  return Number.isInteger(tenths) ? String(tenths) : tenths.toFixed(1);
}

/** "1 hour", "12.5 hours", "3 pieces". */
export function amount(value: number, unit: string): string {
  const text = figure(value);
  return `${text} ${text === '1' ? (SINGULAR[unit] ?? unit) : unit}`;
}

export const isDone = (c: Counter) => c.target !== null && c.value >= c.target;

/** "12.3 of 20 hours"; just the amount when the regulator sets no number. */
export function progressText(c: Counter): string {
  return c.target === null ? amount(c.value, c.unit) : `${figure(c.value)} of ${amount(c.target, c.unit)}`;
}

/** "7.8 hours to go"; null once done or when there is no target. */
export function toGo(c: Counter): string | null {
  if (c.target === null || isDone(c)) return null;
  return `${amount(c.target - c.value, c.unit)} to go`;
}

/** What each of the GMC's six types of supporting information is, by the core's counter id. */
export const GMC_HINTS: Record<string, string> = {
  cpd: 'Learning you have done and what you took from it for your practice.',
  qi: 'Audits, quality improvement projects and reviews of your own practice or outcomes.',
  significant_events: 'Incidents you were involved in that did or could have harmed patients, and what you learned.',
  colleague_feedback: 'Feedback from the people you work with, such as a multi-source feedback round. Needed at least once in each 5-year cycle.',
  patient_feedback: 'Feedback from patients, or the people you provide medical services to. Needed at least once in each 5-year cycle.',
  compliments: 'Compliments and complaints about your work, and how you reflected on them.',
};

const hours = (minutes: number) => Math.round(minutes / 6) / 10;

/** Clinical and management CPD hours side by side, one pair of bars per quarter. */
export function currencyChart(currency: ClinicalCurrency): BarSpec {
  return {
    labels: currency.quarters.map((q) => q.label),
    series: [
      { label: CLINICAL_LABEL, data: currency.quarters.map((q) => hours(q.clinicalMinutes)), colour: NHS_GREEN },
      { label: MANAGEMENT_LABEL, data: currency.quarters.map((q) => hours(q.managementMinutes)), colour: NHS_WARM_YELLOW, edge: NHS_GREY_1 },
    ],
    horizontal: false,
    stacked: false,
    valueTitle: 'Hours',
    wholeNumbers: false,
  };
}

export interface QuarterRow {
  label: string;
  clinical: string;
  management: string;
}

export function quarterRows(currency: ClinicalCurrency): QuarterRow[] {
  return currency.quarters.map((q) => ({
    label: q.label,
    clinical: figure(hours(q.clinicalMinutes)),
    management: figure(hours(q.managementMinutes)),
  }));
}

/** "In the last 12 months: 1.5 hours of clinical CPD and 15.5 hours of management CPD." */
export function lastYearText(currency: ClinicalCurrency): string {
  return `In the last 12 months: ${amount(hours(currency.lastYearClinicalMinutes), 'hours')} of clinical CPD and ${amount(
    hours(currency.lastYearManagementMinutes),
    'hours',
  )} of management CPD.`;
}

/** The chart in a sentence, for people who cannot see it. */
export function currencyChartLabel(currency: ClinicalCurrency): string {
  const first = currency.quarters[0]?.label;
  const last = currency.quarters[currency.quarters.length - 1]?.label;
  const parts = quarterRows(currency).map((r) => `${r.label}: ${r.clinical} clinical, ${r.management} management`);
  return `CPD hours per quarter from ${first} to ${last}. ${parts.join('; ')}.`;
}
