import type { AppContext } from '../../app-context.ts';
import type { ApiApp } from '../../http/types.ts';

// Placeholder: replaced by the real routes.
export function roleRoutes(_app: ApiApp, _ctx: AppContext): void {}
