import { call } from './call';
import type { FrameworkPreview } from './bindings/FrameworkPreview';
import type { InstalledFramework } from './bindings/InstalledFramework';
import type { ItemChange } from './bindings/ItemChange';
import type { UpgradePlan } from './bindings/UpgradePlan';

export type { FrameworkPreview, InstalledFramework, ItemChange, UpgradePlan };

export const listFrameworks = () => call<InstalledFramework[]>('list_frameworks');

/** Opens the system file picker; null when the learner cancels. */
export const chooseFrameworkFile = () => call<string | null>('choose_framework_file');

export const previewFramework = (path: string) => call<FrameworkPreview>('preview_framework', { path });

export const installFramework = (path: string) => call<UpgradePlan>('install_framework', { path });
