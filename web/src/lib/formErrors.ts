import type { UseFormReturnType } from '@mantine/form';
import { isApiError } from '../api/client';
import { sentence } from './zodResolver';

function hasPath(values: unknown, path: string): boolean {
  let current: unknown = values;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || !(part in (current as object))) return false;
    current = (current as Record<string, unknown>)[part];
  }
  return true;
}

/** "venue.name: is required" → "is required" when the message repeats the field. */
function stripField(message: string, field: string): string {
  const prefix = `${field}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/**
 * Puts an API error on the form: each issue (or the one `field`) onto its input, when the form has
 * that input. Returns the message to show above the form.
 */
// biome-ignore lint/suspicious/noExplicitAny: any form's values
export function applyApiError(form: UseFormReturnType<any, any>, error: unknown): string {
  if (!isApiError(error)) return error instanceof Error ? error.message : 'Something went wrong: try again';
  const values = form.getValues();
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.field.replace(/^body\./, '');
    if (hasPath(values, field) && !(field in errors)) errors[field] = sentence(issue.message);
  }
  if (error.field && error.issues.length === 0) {
    const field = error.field.replace(/^body\./, '');
    if (hasPath(values, field)) errors[field] = sentence(stripField(error.message, field));
  }
  if (Object.keys(errors).length > 0) form.setErrors(errors);
  return errorMessage(error);
}

/** The message of any error, for alerts and notifications. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    // "status: a role cannot be …" reads as a sentence once the field name is dropped.
    return error.field && error.issues.length <= 1
      ? sentence(stripField(error.message, error.field))
      : error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong: try again';
}
