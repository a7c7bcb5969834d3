// A file someone sent (a curriculum, a framework): checked and previewed as soon as it is
// chosen, installed only when the person confirms, with the refusal's message and the place
// of each problem when it cannot be used. Focus moves to the panel after each step, so a
// screen reader hears what happened.
import { tick } from 'svelte';
import { IpcError, type ProblemAt } from '../ipc/call';
import { takeLaunchImport } from './launch-import';

/** Why a file cannot be used: the message, and each place in the file at fault. */
export type Refusal = { message: string; places: ProblemAt[] };

/** The last part of a path the system's file picker gave, for saying which file. */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function refusal(e: unknown): Refusal {
  return { message: (e as Error).message, places: e instanceof IpcError ? e.problems : [] };
}

export class FileImport<P, R = unknown> {
  preview = $state<P | null>(null);
  /** What installing returned. */
  result = $state<R | null>(null);
  problem = $state<Refusal | null>(null);
  installing = $state(false);
  installed = $state(false);

  constructor(
    private readonly check: () => Promise<P>,
    private readonly commit: (preview: P) => Promise<R>,
    private readonly focus: () => void,
    private readonly done: () => void,
  ) {}

  /** Checks the file and shows what it holds; nothing is written. */
  async start() {
    try {
      this.preview = await this.check();
    } catch (e) {
      this.problem = refusal(e);
    }
    await tick();
    this.focus();
  }

  /** Installs what was previewed. */
  async install() {
    if (!this.preview || this.installing) return;
    this.installing = true;
    this.problem = null;
    try {
      this.result = await this.commit(this.preview);
      this.installed = true;
      this.done();
    } catch (e) {
      this.problem = refusal(e);
    } finally {
      this.installing = false;
    }
    await tick();
    this.focus();
  }
}

/**
 * A screen listing what is installed, with a file to install: the list, the chosen file (or
 * one named at launch, offered once), and what went wrong loading either.
 */
export class InstalledWithImport<T> {
  installed = $state<T[] | null>(null);
  error = $state<string | null>(null);
  chosen = $state<string | null>(null);

  constructor(
    private readonly list: () => Promise<T[]>,
    private readonly pick: () => Promise<string | null>,
  ) {}

  async refresh() {
    try {
      this.installed = await this.list();
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  /** Offers a file named at launch, loads the list, then focuses the page's heading. */
  async start(launched: string | null, heading: () => HTMLElement | undefined) {
    this.chosen = takeLaunchImport(launched);
    await this.refresh();
    await tick();
    heading()?.focus();
  }

  async choose() {
    try {
      const path = await this.pick();
      if (path) this.chosen = path;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }
}
