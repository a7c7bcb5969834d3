// Coverage turned into what the page shows: the chart's bars, its words for screen readers,
// the table beneath it, and what each behaviour needs next.
import type { BehaviourCoverage, Coverage } from '../../ipc/coverage';
import type { LinkedLesson } from '../../ipc/bindings/LinkedLesson';
import type { BarSpec } from '../../lib/bar-chart';

export const RECENT_LABEL = 'In the last 12 months';
export const OLDER_LABEL = 'Older';
const NHS_BLUE = '#005eb8';
const NHS_GREY_3 = '#aeb7bd';
const NHS_GREY_1 = '#4c6272';

export interface DomainRow {
  id: string;
  title: string;
  recent: number;
  older: number;
  entries: number;
  behavioursCovered: number;
  behaviours: number;
}

export function domainRows(coverage: Coverage): DomainRow[] {
  return coverage.domains.map((d) => ({
    id: d.id,
    title: d.title,
    recent: d.recent,
    older: Math.max(0, d.entries - d.recent),
    entries: d.entries,
    behavioursCovered: d.behavioursCovered,
    behaviours: d.behaviours.length,
  }));
}

/** One horizontal bar per domain: recent entries, then older ones, stacked. */
export function coverageChart(coverage: Coverage): BarSpec {
  const rows = domainRows(coverage);
  return {
    labels: rows.map((r) => r.title),
    series: [
      { label: RECENT_LABEL, data: rows.map((r) => r.recent), colour: NHS_BLUE },
      { label: OLDER_LABEL, data: rows.map((r) => r.older), colour: NHS_GREY_3, edge: NHS_GREY_1 },
    ],
    horizontal: true,
    stacked: true,
    valueTitle: 'Entries',
    wholeNumbers: true,
  };
}

const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;

/** The chart in a sentence, for people who cannot see it. */
export function coverageChartLabel(coverage: Coverage): string {
  const parts = domainRows(coverage).map((r) => `${r.title}: ${entries(r.entries)}, ${r.recent} in the last 12 months`);
  return `Entries for each domain of the ${coverage.frameworkTitle}. ${parts.join('; ')}.`;
}

export function hasEvidence(coverage: Coverage): boolean {
  return coverage.domains.some((d) => d.entries > 0);
}

export const isGap = (b: BehaviourCoverage) => b.entries === 0;

/** Evidence exists, but none of it is recent: the core judges recency. */
export const isNotRecent = (b: BehaviourCoverage) => b.stale;

/** Lessons still installed that teach a behaviour; a removed pack's lessons lead nowhere. */
export function installedLessons(b: BehaviourCoverage): (LinkedLesson & { title: string })[] {
  return b.lessons.filter((l): l is LinkedLesson & { title: string } => l.title !== null);
}
