// The cohort screen's words and figures, kept out of the components so they are tested alone.
// They say what the CLI's page says (core/src/cohort/html), in the app's own date formats.
import type { CohortFramework, CohortReport, LearnerReport } from '../../ipc/cohort';
import { plainDate } from '../../lib/format';
import { count } from '../../lib/words';

/** The learner's name, or words saying none was given at export. */
export function learnerName(l: LearnerReport): string {
  return l.learner.trim() || '(no name given)';
}

/** The period the learner chose at export, or that they shared everything. */
export function chosenPeriod(l: LearnerReport): string {
  if (l.periodFrom && l.periodTo) return `${plainDate(l.periodFrom)} to ${plainDate(l.periodTo)}`;
  if (l.periodFrom) return `from ${plainDate(l.periodFrom)}`;
  if (l.periodTo) return `up to ${plainDate(l.periodTo)}`;
  return 'everything they chose to share';
}

/** The dates of the first and last entries shared. */
export function entryDates(l: LearnerReport): string {
  if (!l.firstEntry || !l.lastEntry) return 'no entries';
  if (l.firstEntry === l.lastEntry) return plainDate(l.firstEntry);
  return `${plainDate(l.firstEntry)} to ${plainDate(l.lastEntry)}`;
}

/** "12.5": hours from minutes, to one decimal place where it is not whole. */
export function hours(minutes: number): string {
  const h = Math.round((minutes / 60) * 10) / 10;
  return h.toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

/** Lessons completed per pack ("Ward to Board essentials: 7 of 12"), or "not shared". */
export function lessonsCompleted(l: LearnerReport): string {
  if (l.learning === null) return 'not shared';
  if (l.learning.length === 0) return 'no curricula installed';
  return l.learning.map((p) => `${p.title}: ${p.completed.length} of ${p.lessonsTotal}`).join('; ');
}

/** 0, 1, 2 to 3, 4 to 9, 10 or more entries: a heat map cell's shade, as the CLI's page. */
export function shade(entries: number): 0 | 1 | 2 | 3 | 4 {
  if (entries <= 0) return 0;
  if (entries === 1) return 1;
  if (entries <= 3) return 2;
  if (entries <= 9) return 3;
  return 4;
}

/** The learner's entries evidencing each of the framework's elements, in its order. */
export function cells(l: LearnerReport, fw: CohortFramework): number[] {
  const mine = l.coverage.find((c) => c.frameworkId === fw.id);
  return fw.elements.map((_, i) => mine?.elements[i] ?? 0);
}

/** Each domain with the number of its elements, for the heat map's grouped headings. */
export function domainSpans(fw: CohortFramework): { title: string; span: number }[] {
  return fw.domains
    .map((title, d) => ({ title, span: fw.elements.filter((e) => e.domain === d).length }))
    .filter((d) => d.span > 0);
}

/** One sentence per element: the heat map's text equivalent. */
export function inWords(fw: CohortFramework, learners: number): string[] {
  return fw.elements.map((e) => `${e.title}: ${e.learners} of ${learners} learners have evidence, in ${count(e.entries, 'entry', 'entries')}.`);
}

/** "Reported on 3 of 4 bundles; 1 refused." */
export function summary(report: CohortReport): string {
  const refused = report.refused.length;
  const made = `Reported on ${report.learners.length} of ${count(report.bundlesFound, 'bundle')}`;
  return refused === 0 ? `${made}.` : `${made}; ${refused} refused.`;
}
