import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import Header from './Header.svelte';

describe('header', () => {
  afterEach(() => {
    window.location.hash = '';
  });

  it('searching goes to the results for what was typed, and empties the box', async () => {
    render(Header);
    const box = screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search lessons' });
    await fireEvent.input(box, { target: { value: 'sickness absence' } });
    await fireEvent.submit(box.form!);
    expect(window.location.hash).toBe('#/search/sickness%20absence');
    expect(box.value).toBe('');
  });

  it('pressing "/" anywhere on the page jumps to the search box', async () => {
    render(Header);
    const box = screen.getByTestId('header-search');
    const notCancelled = await fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(box);
    // The "/" is not typed into the box as well.
    expect(notCancelled).toBe(false);
  });

  it('pressing "/" while writing in a text field types a slash instead', async () => {
    render(Header);
    const notes = document.createElement('textarea');
    document.body.appendChild(notes);
    notes.focus();
    const notCancelled = await fireEvent.keyDown(notes, { key: '/' });
    expect(notCancelled).toBe(true);
    expect(document.activeElement).toBe(notes);

    const field = document.createElement('input');
    document.body.appendChild(field);
    field.focus();
    expect(await fireEvent.keyDown(field, { key: '/' })).toBe(true);
    expect(document.activeElement).toBe(field);
    notes.remove();
    field.remove();
  });

  it('leaves shortcuts with "/" and a modifier key alone', async () => {
    render(Header);
    const notCancelled = await fireEvent.keyDown(document.body, { key: '/', ctrlKey: true });
    expect(notCancelled).toBe(true);
    expect(document.activeElement).not.toBe(screen.getByTestId('header-search'));
  });
});
