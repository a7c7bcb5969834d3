import { describe, expect, it } from 'vitest';
import { chartConfig } from '../../lib/bar-chart';
import { amount, currencyChart, currencyChartLabel, figure, lastYearText, progressText, quarterRows, toGo } from './revalidation-view';
import { nmcCounter, sampleRevalidation } from '../../test/plan-fixtures';
import type { Counter } from '../../ipc/revalidation';

const counter = (value: number, target: number | null, unit = 'hours'): Counter =>
  target === null ? { id: 'x', label: 'X', value, target, unit, done: false, toGo: null, hint: null } : nmcCounter('x', 'X', value, target, unit);

describe('clinical currency chart data', () => {
  it('turns each quarter into clinical and management hours side by side', () => {
    const spec = currencyChart(sampleRevalidation().currency);
    expect(spec.labels, 'eight quarters, oldest first').toEqual(['2025 Q1', '2025 Q2', '2025 Q3', '2025 Q4', '2026 Q1', '2026 Q2', '2026 Q3', '2026 Q4']);
    expect(spec.series.map((s) => s.label)).toEqual(['Clinical CPD', 'Management CPD']);
    expect(spec.series[0]?.data, 'minutes become hours').toEqual([0, 0, 0, 0, 0, 0, 0, 1.5]);
    expect(spec.series[1]?.data).toEqual([0, 0, 0, 0, 0, 0, 5.5, 10]);
    expect(spec.stacked, 'grouped bars, not stacked').toBe(false);
    const config = chartConfig(spec);
    expect(config.options?.indexAxis, 'upright bars, one group per quarter').toBe('x');
    expect((config.options?.scales?.y as { title?: { text?: string } }).title?.text).toBe('Hours');
    expect(config.options?.animation).toBe(false);
  });

  it('gives the same figures as table rows, words and a screen reader label', () => {
    const currency = sampleRevalidation().currency;
    expect(quarterRows(currency).at(-1)).toEqual({ label: '2026 Q4', clinical: '1.5', management: '10' });
    expect(lastYearText(currency)).toBe('In the last 12 months: 1.5 hours of clinical CPD and 15.5 hours of management CPD.');
    expect(currencyChartLabel(currency)).toMatch(/^CPD hours per quarter from 2025 Q1 to 2026 Q4\. 2025 Q1: 0 clinical, 0 management;.*2026 Q4: 1\.5 clinical, 10 management\.$/);
  });
});

describe('revalidation counters', () => {
  it('writes amounts to the tenth of an hour, with singular units', () => {
    expect([figure(12.25), figure(35), figure(0.04)]).toEqual(['12.3', '35', '0']);
    expect([amount(1, 'hours'), amount(1, 'entries'), amount(3, 'pieces'), amount(1, 'widgets')]).toEqual([
      '1 hour', '1 entry', '3 pieces', '1 widgets',
    ]);
  });

  it('says what is left, from the core\'s figure', () => {
    expect(progressText(counter(12.25, 20))).toBe('12.3 of 20 hours');
    expect(progressText(counter(2, null, 'entries'))).toBe('2 entries');
    expect(toGo(counter(12.25, 20))).toBe('7.8 hours to go');
    expect(toGo(counter(4, 5, 'accounts'))).toBe('1 account to go');
    expect(toGo(counter(40, 35))).toBeNull();
  });
});
