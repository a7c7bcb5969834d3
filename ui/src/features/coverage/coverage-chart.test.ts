import { plainDate } from '../../lib/format';
import { describe, expect, it } from 'vitest';
import { chartConfig, chartHeight, wrapLabel } from '../../lib/bar-chart';
import { coverageChart, coverageChartLabel, domainRows, installedLessons, isNotRecent } from './coverage-chart';
import { daysLeftText } from '../../lib/plain-date';
import { sampleCoverage } from '../../test/plan-fixtures';

describe('coverage chart data', () => {
  it('gives one bar per domain, recent entries then older ones, in NHS colours', () => {
    const spec = coverageChart(sampleCoverage());
    expect(spec.labels, 'one bar per domain, in the framework order').toEqual(['Leading and managing people', 'Managing resources and budgets']);
    expect(spec.series.map((s) => s.label), 'the legend names both parts of a bar').toEqual(['In the last 12 months', 'Older']);
    expect(spec.series[0]?.data, 'recent entries per domain').toEqual([2, 0]);
    expect(spec.series[1]?.data, 'older is all entries less the recent ones').toEqual([1, 0]);
    expect(spec.series.map((s) => s.colour), 'NHS blue for recent, grey for older').toEqual(['#005eb8', '#aeb7bd']);
    expect(spec.horizontal && spec.stacked, 'horizontal stacked bars').toBe(true);
    expect(spec.valueTitle).toBe('Entries');
  });

  it('never shows a negative older count', () => {
    const coverage = sampleCoverage();
    coverage.domains[0]!.recent = 5; // more recent than in all would be a core bug; the chart stays sane
    expect(domainRows(coverage)[0]?.older).toBe(0);
  });

  it('sums the chart up in words for screen readers', () => {
    expect(coverageChartLabel(sampleCoverage())).toBe(
      'Entries for each domain of the Clinician-Manager Practice Framework. Leading and managing people: 3 entries, 2 in the last 12 months; Managing resources and budgets: 0 entries, 0 in the last 12 months.',
    );
  });

  it('turns the chart into a still, stacked Chart.js bar chart with an Entries axis', () => {
    const config = chartConfig(coverageChart(sampleCoverage()));
    expect(config.type).toBe('bar');
    expect(config.options?.animation, 'no animation, for reduced motion and steady screenshots').toBe(false);
    expect(config.options?.indexAxis, 'bars run along the x axis, one row per domain').toBe('y');
    const x = config.options?.scales?.x as { stacked?: boolean; title?: { text?: string }; ticks?: { precision?: number } };
    expect(x.stacked).toBe(true);
    expect(x.title?.text).toBe('Entries');
    expect(x.ticks?.precision, 'entries are whole numbers').toBe(0);
    expect((config.options?.scales?.y as { stacked?: boolean }).stacked).toBe(true);
    expect(config.data.datasets[1]?.borderWidth, 'the pale grey bar gets a darker edge').toBe(1);
    expect(config.data.labels?.[0], 'long domain names wrap rather than being cut off').toEqual(['Leading and managing', 'people']);
  });

  it('wraps labels at word boundaries and sizes a horizontal chart by its rows', () => {
    expect(wrapLabel('Managing resources and budgets', 20)).toEqual(['Managing resources', 'and budgets']);
    expect(wrapLabel('Short')).toEqual(['Short']);
    const spec = coverageChart(sampleCoverage());
    expect(chartHeight({ ...spec, labels: Array(10).fill('x') }), 'ten domains need a taller chart than two').toBeGreaterThan(chartHeight(spec));
  });
});

describe('what a behaviour needs', () => {
  it('calls evidence not recent as the core judges it', () => {
    const [recent, old] = sampleCoverage().domains[0]!.behaviours;
    expect(isNotRecent(old!), 'evidence a year old is not recent').toBe(true);
    expect(isNotRecent(recent!), 'evidence from last month is').toBe(false);
  });

  it('offers only lessons that are still installed', () => {
    const recruitment = sampleCoverage().domains[0]!.behaviours[2]!;
    expect(installedLessons(recruitment).map((l) => l.title)).toEqual(['Safe recruitment']);
  });

  it('writes dates and days left in words', () => {
    expect(plainDate('2026-03-03')).toBe('3 March 2026');
    expect(plainDate('not a date')).toBe('not a date');
    expect([daysLeftText(412), daysLeftText(1), daysLeftText(0), daysLeftText(-3)]).toEqual([
      '412 days left', '1 day left', 'ends today', 'ended 3 days ago',
    ]);
  });
});
