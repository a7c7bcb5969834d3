import { call } from './call';
import type { AppInfo } from './bindings/AppInfo';

export type { AppInfo };

export const getAppInfo = () => call<AppInfo>('get_app_info');

/** Opens a web or mail link in the person's own browser or mail app. */
export const openExternalLink = (url: string) => call<void>('open_external_link', { url });
