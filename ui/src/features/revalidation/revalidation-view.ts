// Revalidation figures in words and as a chart: counters against targets, hours to the
// tenth, and clinical against management CPD a quarter at a time. What counts, what is done,
// what is left and what each GMC type is all come from the core; this only words them.
import type { CheckItem, ClinicalCurrency, Counter } from '../../ipc/revalidation';
import type { BarSpec } from '../../lib/bar-chart';

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

/** "12.3 of 20 hours"; just the amount when the regulator sets no number. */
export function progressText(c: Counter): string {
  return c.target === null ? amount(c.value, c.unit) : `${figure(c.value)} of ${amount(c.target, c.unit)}`;
}

/** "7.8 hours to go"; null once done or when there is no target. */
export function toGo(c: Counter): string | null {
  return c.toGo === null ? null : `${amount(c.toGo, c.unit)} to go`;
}

/** Clinical and management CPD hours side by side, one pair of bars per quarter. */
export function currencyChart(currency: ClinicalCurrency): BarSpec {
  return {
    labels: currency.quarters.map((q) => q.label),
    series: [
      { label: CLINICAL_LABEL, data: currency.quarters.map((q) => q.clinicalHours), colour: NHS_GREEN },
      { label: MANAGEMENT_LABEL, data: currency.quarters.map((q) => q.managementHours), colour: NHS_WARM_YELLOW, edge: NHS_GREY_1 },
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
    clinical: figure(q.clinicalHours),
    management: figure(q.managementHours),
  }));
}

/** "In the last 12 months: 1.5 hours of clinical CPD and 15.5 hours of management CPD." */
export function lastYearText(currency: ClinicalCurrency): string {
  return `In the last 12 months: ${amount(currency.lastYearClinicalHours, 'hours')} of clinical CPD and ${amount(
    currency.lastYearManagementHours,
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

/** How a line of a document's completeness check is marked on the page: words and an NHS tag colour. */
export function checkMark(status: CheckItem['status']): { words: string; tag: string } {
  switch (status) {
    case 'complete':
      return { words: 'Complete', tag: 'nhsuk-tag--green' };
    case 'missing':
      return { words: 'Missing', tag: 'nhsuk-tag--red' };
    case 'for_you':
      return { words: 'For you to do', tag: 'nhsuk-tag--grey' };
  }
}
