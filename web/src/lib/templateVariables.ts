// What each template variable holds, for the editor's list, and the Liquid to insert for it.

const descriptions: Record<string, string> = {
  'organisation.name': "Your organisation's name",
  'recipient.name': 'Full name of the person receiving the email',
  'recipient.firstName': 'First name of the person receiving the email, for the greeting',
  'recipient.email': 'Email address the message goes to',
  'candidate.name': "The candidate's full name",
  'candidate.firstName': "The candidate's first name",
  'role.title': 'Title of the role they applied for',
  'venue.name': "The role's venue",
  'manager.name': "The role's hiring manager (replies go to them)",
  'manager.email': "The hiring manager's email address",
  'offer.startDate': 'Start date of the offer',
  'offer.salary': 'Salary or rate offered',
  'offer.respondBy': 'Date to accept by',
  'offer.details': 'Anything else about the offer',
  'feedback.strengths': 'The strengths from the checked feedback (a list)',
  'feedback.strengths[].criterion': 'The criterion of one strength',
  'feedback.strengths[].evidence': "The interviewers' evidence for it",
  'feedback.developmentAreas': 'The development areas from the checked feedback (a list)',
  'feedback.developmentAreas[].criterion': 'The criterion of one development area',
  'feedback.developmentAreas[].evidence': 'What the interviewers saw',
  'feedback.developmentAreas[].training': 'Training suggested for it',
  'feedback.encouragement': 'Encouragement matched to how close they were',
  'update.newDate': 'The new date for the decision',
  'update.reason': 'Why the decision is taking longer',
  'network.joinUrl': 'Link to join the talent network',
  'network.consentMonths': 'How many months their consent lasts',
  'opportunity.title': 'Title of the new role',
  'opportunity.venue': 'Venue of the new role',
  'opportunity.summary': 'A short summary of the new role',
  'opportunity.closingDate': 'Closing date for applications',
  'opportunity.url': 'Link to the new role',
  'referral.name': 'The colleague they referred',
  'survey.url': 'Link to the experience survey',
  'consent.expiresOn': 'When their talent network consent expires',
  'consent.renewUrl': 'Link to stay in the talent network',
  'interview.date': 'Date of the interview',
  'scorecard.url': 'Link to the scorecard to fill in',
  'decision.dueOn': 'When the decision is due',
  'decision.timeLeft': 'Working days left until it is due',
  'decision.overdueBy': 'How many working days it is overdue',
  'decision.url': 'Link to the application',
  'digest.date': 'The date of the digest',
  'digest.url': 'Link to Followspot',
  'digest.counts.awaitingDecision': 'How many candidates await a decision',
  'digest.counts.dueToday': 'How many decisions are due today',
  'digest.counts.overdue': 'How many decisions are overdue',
  'digest.counts.scorecardsMissing': 'How many scorecards are missing',
  'digest.items': 'The candidates needing attention (a list)',
  'digest.items[].candidate': "One candidate's name",
  'digest.items[].role': 'Their role',
  'digest.items[].status': 'What is needed',
  'digest.items[].dueOn': 'When it is due',
  'digest.items[].url': 'Link to their application',
  'invitation.role': 'The role they are invited as, e.g. "a hiring manager"',
  'invitation.link': 'The link to accept the invitation',
  'invitation.expiresOn': 'When the invitation link expires',
  'inviter.name': 'The admin who invited them',
};

export interface TemplateVariable {
  path: string;
  kind: 'text' | 'number' | 'list';
  example: string;
}

export function variableDescription(path: string): string | undefined {
  return descriptions[path];
}

/** "feedback.developmentAreas" → "area": the loop variable for a list, as the default templates name it. */
export function loopVariable(listPath: string): string {
  const last = listPath.split('.').at(-1) ?? 'item';
  const word = (last.match(/[A-Z]?[a-z]+/g) ?? [last]).at(-1) ?? last;
  const lower = word.toLowerCase();
  return lower.endsWith('s') ? lower.slice(0, -1) : lower;
}

/** Whether the variable is a field of a list's items (only usable inside a `{% for %}` loop). */
export function isItemField(path: string): boolean {
  return path.includes('[].');
}

/** What the variable is written as in a template. */
export function variableReference(variable: TemplateVariable): string {
  if (isItemField(variable.path)) {
    const [list, field] = variable.path.split('[].');
    return `{{ ${loopVariable(list ?? '')}.${field} }}`;
  }
  if (variable.kind === 'list') return `{% for … in ${variable.path} %}`;
  return `{{ ${variable.path} }}`;
}

/**
 * The Liquid inserted for a variable: `{{ path }}` for a value, a whole loop over a list with its
 * item fields, `{{ item.field }}` for a field of a list's items.
 */
export function variableSnippet(variable: TemplateVariable, all: readonly TemplateVariable[]): string {
  if (variable.kind !== 'list') return variableReference(variable);
  const item = loopVariable(variable.path);
  const fields = all
    .filter((v) => v.path.startsWith(`${variable.path}[].`))
    .map((v) => `{{ ${item}.${v.path.slice(variable.path.length + 3)} }}`);
  const line = fields.length > 0 ? fields.join(': ') : `{{ ${item} }}`;
  return `{% for ${item} in ${variable.path} -%}\n- ${line}\n{% endfor %}\n`;
}
