import { call } from './call';
import type { Coverage } from './bindings/Coverage';

export type { Coverage };
export type { DomainCoverage } from './bindings/DomainCoverage';
export type { BehaviourCoverage } from './bindings/BehaviourCoverage';

/** `today` is the learner's local date (lib/clock localDate). */
export const getCoverage = (frameworkId: string | null, today: string) => call<Coverage>('get_coverage', { frameworkId, today });
