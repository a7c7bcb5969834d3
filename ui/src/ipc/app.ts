import { Channel } from '@tauri-apps/api/core';
import { call } from './call';
import type { AppInfo } from './bindings/AppInfo';
import type { ImportScreen } from './bindings/ImportScreen';
import type { OpenedFile } from './bindings/OpenedFile';

export type { AppInfo, ImportScreen, OpenedFile };

export const getAppInfo = () => call<AppInfo>('get_app_info');

/** Opens a web or mail link in the person's own browser or mail app. */
export const openExternalLink = (url: string) => call<void>('open_external_link', { url });

/** Tells the app its first screen is interactive (used to measure start-up; otherwise a no-op). */
export const reportReady = () => call<null>('report_ready');

/**
 * Calls `opened` with each file the desktop hands to the running app (a double-click on a
 * pack, bundle or review file while the window is open).
 */
export function watchOpenedFiles(opened: (file: OpenedFile) => void): Promise<null> {
  const onOpened = new Channel<OpenedFile>();
  onOpened.onmessage = opened;
  return call<null>('watch_opened_files', { onOpened });
}
