import { call } from './call';
import type { FrameworkDetail } from './bindings/FrameworkDetail';
import type { FrameworkPreview } from './bindings/FrameworkPreview';
import type { InstalledFramework } from './bindings/InstalledFramework';
import type { ItemChange } from './bindings/ItemChange';
import type { UpgradePlan } from './bindings/UpgradePlan';

export type { FrameworkDetail, FrameworkPreview, InstalledFramework, ItemChange, UpgradePlan };

export const listFrameworks = () => call<InstalledFramework[]>('list_frameworks');

export const getFramework = (frameworkId: string) => call<FrameworkDetail>('get_framework', { frameworkId });

/** Opens the system file picker; null when the learner cancels. */
export const chooseFrameworkFile = () => call<string | null>('choose_framework_file');

export const previewFramework = (path: string) => call<FrameworkPreview>('preview_framework', { path });

export const installFramework = (path: string) => call<UpgradePlan>('install_framework', { path });
