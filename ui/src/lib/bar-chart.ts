// What a bar chart shows, kept apart from Chart.js so the shaping is tested without a canvas.
// Every chart in the app is one of these: coverage by domain, CPD hours by quarter.
import type { ChartConfiguration } from 'chart.js';

export interface BarSeries {
  label: string;
  data: number[];
  colour: string;
  /** A darker edge for a pale fill, so the bar stands out from the white background. */
  edge?: string;
}

export interface BarSpec {
  labels: string[];
  series: BarSeries[];
  /** Bars run left to right, one row per label. */
  horizontal: boolean;
  /** Series add up within one bar rather than standing side by side. */
  stacked: boolean;
  valueTitle: string;
  /** Whole numbers only on the value axis (counts, not hours). */
  wholeNumbers: boolean;
}

const TEXT = '#212b32';
const FONT = { family: 'Arial, "Liberation Sans", Helvetica, sans-serif', size: 14 };
const GRID = '#d8dde0';

/** Splits a long category name over lines of about `width` characters, so it is not cut off. */
export function wrapLabel(text: string, width = 26): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The chart's height in pixels: a horizontal chart grows with its rows. */
export function chartHeight(spec: BarSpec): number {
  return spec.horizontal ? Math.max(180, spec.labels.length * 56 + 110) : 340;
}

export function chartConfig(spec: BarSpec): ChartConfiguration<'bar', number[], string[]> {
  const valueAxis = spec.horizontal ? 'x' : 'y';
  const categoryAxis = spec.horizontal ? 'y' : 'x';
  return {
    type: 'bar',
    data: {
      labels: spec.labels.map((l) => wrapLabel(l)),
      datasets: spec.series.map((s) => ({
        label: s.label,
        data: s.data,
        backgroundColor: s.colour,
        borderColor: s.edge ?? s.colour,
        borderWidth: s.edge ? 1 : 0,
        maxBarThickness: 36,
      })),
    },
    options: {
      indexAxis: categoryAxis,
      // No movement: calmer to read, kind to people who ask for reduced motion, and steady in tests.
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      color: TEXT,
      font: FONT,
      plugins: {
        legend: { position: 'top', align: 'start', labels: { color: TEXT, font: FONT, boxWidth: 18, boxHeight: 18, padding: 16 } },
        tooltip: { enabled: true, titleFont: FONT, bodyFont: FONT },
      },
      scales: {
        [valueAxis]: {
          stacked: spec.stacked,
          beginAtZero: true,
          title: { display: true, text: spec.valueTitle, color: TEXT, font: { ...FONT, weight: 'bold' } },
          ticks: { color: TEXT, font: FONT, ...(spec.wholeNumbers ? { precision: 0 } : {}) },
          grid: { color: GRID },
        },
        [categoryAxis]: {
          stacked: spec.stacked,
          ticks: { color: TEXT, font: FONT, autoSkip: false },
          grid: { display: false },
        },
      },
    },
  };
}
