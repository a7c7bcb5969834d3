import { call } from './call';
import type { ImportAction } from './bindings/ImportAction';
import type { ImportPreview } from './bindings/ImportPreview';
import type { InstalledPack } from './bindings/InstalledPack';

export type { ImportAction, ImportPreview, InstalledPack };

export const listPacks = () => call<InstalledPack[]>('list_packs');

/** Opens the system file picker; null when the learner cancels. */
export const choosePackFile = () => call<string | null>('choose_pack_file');

export const previewPackImport = (path: string) => call<ImportPreview>('preview_pack_import', { path });

/** `acceptNewSigner`: the learner confirmed, after the warning, an update signed by a different key. */
export const importPack = (path: string, allowDowngrade: boolean, acceptNewSigner = false) =>
  call<ImportPreview>('import_pack', { path, allowDowngrade, acceptNewSigner });

export const removePack = (packId: string) => call<void>('remove_pack', { packId });
