import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import DocumentsSection from './DocumentsSection.svelte';
import type { DocumentCheck, WrittenDocument } from '../../ipc/revalidation';

const words = (el: Element) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function check(withFinding: boolean): DocumentCheck {
  return {
    title: 'NMC revalidation records',
    period: '1 May 2024 to 30 April 2027',
    checklist: [
      { label: 'CPD', status: 'missing', detail: '24 of 35 hours' },
      { label: 'Practice hours', status: 'complete', detail: '460 of 450 hours' },
      { label: 'Confirmation', status: 'for_you', detail: 'Your confirmer signs it.' },
    ],
    findings: withFinding
      ? [
          {
            entryUid: 'e1',
            entryTitle: 'Card from a family',
            field: 'Description',
            finding: { kind: 'nhs-number', start: 25, end: 37, text: '943 476 5919', message: 'This looks like an NHS number.' },
            before: 'Thank you for caring for ',
            after: '.',
          },
        ]
      : [],
  };
}

const written: WrittenDocument = {
  fileName: 'NMC revalidation records - Siobhán Nguyễn - 2027-04-30.pdf',
  path: '/data/exports/NMC revalidation records - Siobhán Nguyễn - 2027-04-30.pdf',
  bytes: 48_000,
};

function backend(withFinding: boolean) {
  const calls: [string, Record<string, unknown>][] = [];
  mockIPC((cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push([cmd, args]);
    if (cmd === 'check_revalidation_document') return check(withFinding);
    if (cmd === 'write_revalidation_document') return written;
    return null;
  });
  return calls;
}

const commands = (calls: [string, Record<string, unknown>][]) => calls.map(([c]) => c);

describe('documents for the regulator', () => {
  it('asks for the name before checking anything', async () => {
    localStorage.clear();
    const calls = backend(false);
    render(DocumentsSection, { nmcEnd: '2027-04-30', gmcEnd: null });
    await fireEvent.click(screen.getByTestId('write-document'));
    expect(words(await screen.findByTestId('error-summary'))).toContain('Your name: write your name as it should appear on every page');
    expect(calls).toEqual([]);
    expect((screen.getByTestId('document-gmc') as HTMLInputElement).disabled, 'no GMC date, no GMC summary').toBe(true);
  });

  it('writes at once when the check finds nothing, and says where the learner stands', async () => {
    localStorage.clear();
    const calls = backend(false);
    render(DocumentsSection, { nmcEnd: '2027-04-30', gmcEnd: '2027-01-15' });
    await fireEvent.input(screen.getByTestId('document-learner'), { target: { value: 'Siobhán Nguyễn' } });
    await fireEvent.click(screen.getByTestId('document-docx'));
    await fireEvent.click(screen.getByTestId('write-document'));
    const done = await screen.findByTestId('document-done');
    expect(commands(calls)).toEqual(['check_revalidation_document', 'write_revalidation_document']);
    expect(calls[1]![1]).toEqual({
      request: { kind: 'nmc', ending: '2027-04-30', learner: 'Siobhán Nguyễn', format: 'docx', dualRegistration: false },
    });
    expect([...within(done).getByTestId('document-checklist').querySelectorAll('li')].map(words)).toEqual([
      'Missing CPD: 24 of 35 hours',
      'Complete Practice hours: 460 of 450 hours',
      'For you to do Confirmation: Your confirmer signs it.',
    ]);
    expect(localStorage.getItem('w2b-export-name'), 'the name is remembered').toBe('Siobhán Nguyễn');
  });

  it('shows privacy findings and writes only when the learner says they are not patient details', async () => {
    localStorage.clear();
    const calls = backend(true);
    render(DocumentsSection, { nmcEnd: '2027-04-30', gmcEnd: '2027-01-15' });
    await fireEvent.click(screen.getByTestId('document-gmc'));
    await fireEvent.input(screen.getByTestId('document-learner'), { target: { value: 'Dr Sam Patel' } });
    await fireEvent.click(screen.getByTestId('write-document'));
    const findings = await screen.findByTestId('document-findings');
    expect(words(findings)).toContain('Entry: Card from a family');
    expect(findings.querySelector('mark')?.textContent).toBe('943 476 5919');
    expect(within(findings).queryByTestId('leave-out'), 'no leaving out here: the learner edits the entry').toBeNull();
    expect(commands(calls)).toEqual(['check_revalidation_document']);
    await fireEvent.click(screen.getByTestId('write-anyway'));
    await screen.findByTestId('document-done');
    expect(calls[1]).toEqual([
      'write_revalidation_document',
      { request: { kind: 'gmc', ending: '2027-01-15', learner: 'Dr Sam Patel', format: 'pdf', dualRegistration: false } },
    ]);
  });
});
