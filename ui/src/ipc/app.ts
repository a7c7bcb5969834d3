import { call } from './call';
import type { AppInfo } from './bindings/AppInfo';

export type { AppInfo };

export const getAppInfo = () => call<AppInfo>('get_app_info');

/** Opens a web or mail link in the person's own browser or mail app. */
export const openExternalLink = (url: string) => call<void>('open_external_link', { url });

/** Tells the app its first screen is interactive (used to measure start-up; otherwise a no-op). */
export const reportReady = () => call<null>('report_ready');
