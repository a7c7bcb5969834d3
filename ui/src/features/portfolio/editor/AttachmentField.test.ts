import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { editorBackend, lastCall, sampleUpload } from '../../../test/editor-fixtures';
import { byId, openEditor, saveAndWait, type, words } from './editor-test-helpers';

const choose = (...files: File[]) => fireEvent.change(byId('attach-files'), { target: { files } });
const pdf = (name: string, text = '%PDF-1.7 test') => new File([text], name, { type: 'application/pdf' });

describe('attachments', () => {
  afterEach(() => {
    // A save opens the saved entry; the next test starts from no address.
    window.location.hash = '';
  });

  it('says which files are accepted and how large', async () => {
    editorBackend();
    await openEditor();
    const input = byId('attach-files');
    expect(screen.getByLabelText('Attach files')).toBe(input);
    expect(input.multiple).toBe(true);
    expect(input.accept).toBe('.pdf,.png,.jpg,.docx');
    expect(words(document.getElementById('attach-files-hint')!)).toContain('PDF, PNG, JPG, DOCX, up to 20 MB each.');
  });

  it('uploads each chosen file at once and saves their ids with the entry', async () => {
    let next = 500;
    const calls = editorBackend({ upload_attachment: () => sampleUpload(++next, next === 501 ? 'certificate.pdf' : 'slides.pdf', 2048) });
    await openEditor();
    await type('entry-title', 'Leadership course');
    await choose(pdf('certificate.pdf'), pdf('slides.pdf'));
    await waitFor(() => expect(screen.getAllByTestId('pending-upload')).toHaveLength(2));
    const uploads = calls.filter(([c]) => c === 'upload_attachment');
    expect(uploads, 'one upload per file').toHaveLength(2);
    expect(new TextDecoder().decode(uploads[0]![1] as Uint8Array), "the file's bytes are sent as they are").toBe('%PDF-1.7 test');
    expect(words(screen.getByTestId('attachment-list'))).toContain('certificate.pdf (2 KB, added when you save)');

    await fireEvent.click(screen.getByRole('button', { name: 'Remove slides.pdf' }));
    const { draft } = await saveAndWait(calls);
    expect(draft.newUploads, 'a pending file removed is not added').toEqual([501]);
  });

  it('shows "Uploading…" until the file is in, and will not save before', async () => {
    let finish!: () => void;
    const calls = editorBackend({
      upload_attachment: () => new Promise((resolve) => (finish = () => resolve(sampleUpload(9, 'audit.pdf')))),
    });
    await openEditor();
    await type('entry-title', 'Audit');
    await choose(pdf('audit.pdf'));
    await waitFor(() => expect(words(screen.getByTestId('upload-progress'))).toBe('Uploading audit.pdf…'));
    await fireEvent.click(byId('save-entry'));
    expect(words(await screen.findByTestId('error-summary'))).toContain('Attachments: wait for audit.pdf to finish uploading');
    expect(calls.some(([c]) => c === 'save_entry')).toBe(false);
    finish();
    await waitFor(() => expect(words(screen.getByTestId('upload-progress'))).toBe(''));
    expect((await saveAndWait(calls)).draft.newUploads).toEqual([9]);
  });

  it("explains each file that was refused, in the app's words, and keeps the others", async () => {
    const calls = editorBackend({
      upload_attachment: (bytes: Uint8Array) => {
        if (new TextDecoder().decode(bytes).startsWith('MZ')) {
          throw { kind: 'invalid_input', message: '"tool.pdf" is not a PDF: its content does not match its name' };
        }
        return sampleUpload(3, 'minutes.pdf');
      },
    });
    await openEditor();
    await type('entry-title', 'Meeting');
    await choose(pdf('tool.pdf', 'MZ\u0090'), pdf('minutes.pdf'));
    const progress = screen.getByTestId('upload-progress');
    await waitFor(() => expect(words(progress)).toContain('tool.pdf was not attached: "tool.pdf" is not a PDF: its content does not match its name'));
    await waitFor(() => expect(screen.getAllByTestId('pending-upload')).toHaveLength(1));
    expect((await saveAndWait(calls)).draft.newUploads).toEqual([3]);
  });

  it('refuses a file over the limit without sending it', async () => {
    const calls = editorBackend();
    await openEditor();
    const big = pdf('scan.pdf');
    Object.defineProperty(big, 'size', { value: 25 * 1024 * 1024 });
    await choose(big);
    await waitFor(() => expect(words(screen.getByTestId('upload-progress'))).toContain('"scan.pdf" is 25.0 MB; attachments can be up to 20 MB.'));
    expect(calls.some(([c]) => c === 'upload_attachment')).toBe(false);
  });

  it('takes a saved file off the entry, or keeps it after all', async () => {
    const calls = editorBackend();
    await openEditor(12);
    const list = screen.getByTestId('attachment-list');
    await fireEvent.click(within(list).getByRole('button', { name: 'Remove budget-statement.pdf' }));
    expect(words(list)).toContain('Removed when you save');
    expect((await saveAndWait(calls)).draft.keepAttachments, 'a removed file is not kept').toEqual([]);
    await fireEvent.click(within(list).getByRole('button', { name: 'Keep budget-statement.pdf' }));
    expect(lastCall(calls, 'save_entry')).toBeTruthy();
    expect((await saveAndWait(calls)).draft.keepAttachments).toEqual([7]);
  });
});
