import { avTechnicianFramework } from './av-technician.ts';
import type { BuiltInFramework } from './types.ts';

/**
 * Built-in frameworks live in code, read-only and shared by every organisation, so everyone starts
 * from the same reviewed text; an organisation copies one to edit it.
 */
export const builtInFrameworks: readonly BuiltInFramework[] = [avTechnicianFramework];

export function findBuiltInFramework(id: string): BuiltInFramework | undefined {
  return builtInFrameworks.find((f) => f.id === id);
}

export function isBuiltInFrameworkId(id: string): boolean {
  return id.startsWith('builtin-');
}

export const defaultFrameworkId = avTechnicianFramework.id;
