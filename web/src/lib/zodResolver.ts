import type { FormErrors } from '@mantine/form';
import type { z } from 'zod';

/** "is required" → "Is required": the shared schemas word messages to follow a field name. */
export function sentence(message: string): string {
  const text = message.trim();
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}

function messageOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === ''
        ? 'Is required'
        : sentence(issue.message);
    case 'invalid_value':
      return 'Choose one of the options';
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return 'Is required';
      if (issue.origin === 'array' && issue.minimum === 1 && issue.message.startsWith('Too small'))
        return 'Choose at least one';
      return sentence(issue.message);
    case 'invalid_format':
      if (issue.format === 'email') return 'Is not an email address';
      if (issue.format === 'datetime') return 'Enter a date and time';
      return sentence(issue.message);
    default:
      return sentence(issue.message);
  }
}

/** Maps Zod issues to @mantine/form errors keyed by path (`venue.name`), first issue per path. */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in errors)) errors[path] = messageOf(issue);
  }
  return errors;
}

/**
 * A @mantine/form `validate` function from a Zod schema. `toInput` turns the form's values into
 * what the schema reads (for example local date inputs into ISO strings); paths must match.
 */
export function zodResolver<Values, S extends z.ZodType>(
  schema: S,
  toInput: (values: Values) => unknown = (values) => values,
): (values: Values) => FormErrors {
  return (values) => {
    const result = schema.safeParse(toInput(values));
    return result.success ? {} : issuesToErrors(result.error.issues);
  };
}

/** Parses values that already passed `zodResolver`: the schema's output, ready to send. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  return schema.parse(input);
}
