// Every email Followspot sends: its template key, who receives it, the variables its template may use
// (with sample values for previews and validation) and its built-in default text.

import * as accountEmailChange from './defaults/account-email-change.ts';
import * as accountEmailChanged from './defaults/account-email-changed.ts';
import * as decisionReminder from './defaults/decision-reminder.ts';
import * as emailChangeConfirm from './defaults/email-change-confirm.ts';
import * as emailChangedNotice from './defaults/email-changed-notice.ts';
import * as escalation from './defaults/escalation.ts';
import * as experienceSurvey from './defaults/experience-survey.ts';
import * as feedbackCall from './defaults/feedback-call.ts';
import * as freshLink from './defaults/fresh-link.ts';
import * as futureFitReminder from './defaults/future-fit-reminder.ts';
import * as holdingUpdate from './defaults/holding-update.ts';
import * as managerDigest from './defaults/manager-digest.ts';
import * as newOpportunity from './defaults/new-opportunity.ts';
import * as notProgressing from './defaults/not-progressing.ts';
import * as notProgressingScreening from './defaults/not-progressing-screening.ts';
import * as offer from './defaults/offer.ts';
import * as organisationInvitation from './defaults/organisation-invitation.ts';
import * as passwordReset from './defaults/password-reset.ts';
import * as reconsent from './defaults/reconsent.ts';
import * as referralHiredThanks from './defaults/referral-hired-thanks.ts';
import * as referralThanks from './defaults/referral-thanks.ts';
import * as scorecardReminder from './defaults/scorecard-reminder.ts';
import * as talentNetworkInvitation from './defaults/talent-network-invitation.ts';
import * as webhookDisabled from './defaults/webhook-disabled.ts';
import { templateKeys } from './template-keys.ts';

/** The variables each template adds to the common ones (organisation, recipient, candidate, role…). */
export interface TemplateExtras {
  offer: { offer: { startDate: string; salary: string; respondBy: string; details: string } };
  not_progressing: {
    feedback: {
      strengths: { criterion: string; evidence: string }[];
      developmentAreas: { criterion: string; evidence: string; training: string }[];
      encouragement: string;
    };
  };
  not_progressing_screening: {
    screening: {
      interviewed: boolean;
      reasons: { criterion: string; text: string }[];
      note: string;
      nextSteps: { criterion: string; step: string }[];
    };
  };
  holding_update: { update: { newDate: string; reason: string } };
  feedback_call: { call: { when: string; location: string; message: string } };
  talent_network_invitation: { network: { joinUrl: string; consentMonths: number } };
  new_opportunity: {
    opportunity: { title: string; venue: string; summary: string; closingDate: string; url: string };
  };
  referral_thanks: { referral: { name: string } };
  referral_hired_thanks: { referral: { name: string } };
  experience_survey: { survey: { url: string } };
  reconsent: { consent: { expiresOn: string; renewUrl: string } };
  scorecard_reminder: { interview: { date: string }; scorecard: { url: string } };
  decision_reminder: { decision: { dueOn: string; timeLeft: string; url: string } };
  escalation: { decision: { dueOn: string; overdueBy: string; url: string } };
  manager_digest: {
    digest: {
      date: string;
      url: string;
      counts: { awaitingDecision: number; dueToday: number; overdue: number; scorecardsMissing: number };
      items: { candidate: string; role: string; status: string; dueOn: string; url: string }[];
    };
  };
  organisation_invitation: {
    invitation: { role: string; link: string; expiresOn: string };
    inviter: { name: string };
  };
  fresh_link: Record<string, never>;
  email_change_confirm: { emailChange: { confirmUrl: string; expiresOn: string } };
  email_changed_notice: { emailChanged: { newAddress: string; changedAt: string } };
  future_fit_reminder: { futureFit: { candidate: string; forRole: string; after: string; url: string } };
  webhook_disabled: {
    webhook: { url: string; failingSince: string; lastError: string; settingsUrl: string };
  };
  password_reset: { reset: { link: string; expiresIn: string } };
  account_email_change: { emailChange: { link: string; newEmail: string; expiresIn: string } };
  account_email_changed: { emailChange: { newEmail: string; changedAt: string } };
}

export type TemplateKey = keyof TemplateExtras;

// The list lives in its own small module so the web app's first page need not bundle every default text.
export { templateKeys };

templateKeys satisfies readonly TemplateKey[];

export function isTemplateKey(value: string): value is TemplateKey {
  return (templateKeys as readonly string[]).includes(value);
}

/** Who receives the email: a candidate, a member of the organisation, or an address (an invitee). */
export type Audience = 'candidate' | 'member' | 'email';

export interface TemplateDefinition<K extends TemplateKey = TemplateKey> {
  key: K;
  name: string;
  description: string;
  audience: Audience;
  /** Whether the email is about an application (so role, venue, candidate and manager are known). */
  aboutApplication: boolean;
  /** Talent-network and opportunity emails carry List-Unsubscribe. */
  listUnsubscribe: boolean;
  /** Why the recipient gets it, for the footer; {organisation} is replaced. */
  footerReason: string;
  sample: TemplateExtras[K];
  defaults: { subject: string; body: string };
}

const candidateReason = "You're receiving this email because you applied for a role with {organisation}.";
const networkReason = "You're receiving this email because you're in the {organisation} talent network.";
const memberReason = "You're receiving this email as a member of {organisation} on Followspot.";

export const templates: { [K in TemplateKey]: TemplateDefinition<K> } = {
  offer: {
    key: 'offer',
    name: 'Offer',
    description: 'Offers the role to the successful candidate.',
    audience: 'candidate',
    aboutApplication: true,
    listUnsubscribe: false,
    footerReason: candidateReason,
    sample: {
      offer: {
        startDate: 'Monday 4 January 2027',
        salary: '£29,500 a year',
        respondBy: 'Friday 4 December 2026',
        details: 'The contract and a welcome pack will follow by email once you accept.',
      },
    },
    defaults: offer,
  },
  not_progressing: {
    key: 'not_progressing',
    name: 'Not progressing, with feedback',
    description: 'Tells an unsuccessful candidate the outcome, with their checked feedback.',
    audience: 'candidate',
    aboutApplication: true,
    listUnsubscribe: false,
    footerReason: candidateReason,
    sample: {
      feedback: {
        strengths: [
          {
            criterion: 'Signal flow',
            evidence: 'You traced the fault from the stage box to the desk quickly and explained each step.',
          },
          {
            criterion: 'Working safely',
            evidence: 'You checked the rigging and cable runs before powering anything up.',
          },
        ],
        developmentAreas: [
          {
            criterion: 'Networked audio',
            evidence: 'Setting up the Dante subscriptions took longer than we would expect at this level.',
            training: 'the Dante Level 2 certification (free, online, about four hours).',
          },
        ],
        encouragement:
          'You were close, and we would be glad to see you apply again once you have some more networked audio experience.',
      },
    },
    defaults: notProgressing,
  },
  not_progressing_screening: {
    key: 'not_progressing_screening',
    name: 'Not progressing, with a screening reason',
    description:
      'Tells a candidate turned down before an interview was scored why, from what the role needs, and what would make a future application strong.',
    audience: 'candidate',
    aboutApplication: true,
    listUnsubscribe: false,
    footerReason: candidateReason,
    sample: {
      screening: {
        interviewed: false,
        reasons: [
          {
            criterion: 'Rigging, power and safety',
            text: 'The role needs rigging, power and safety at the "Competent" level from the start: someone who already works safely at height, with suspended loads and with temporary power. Your application did not yet show us that experience.',
          },
        ],
        note: 'We had over forty applications for this role.',
        nextSteps: [
          {
            criterion: 'Rigging, power and safety',
            step: 'A good next step: the IPAF PAL Card (IPAF, operator course, about a day per category group). Safe operation of mobile elevating work platforms such as scissor and boom lifts.',
          },
        ],
      },
    },
    defaults: notProgressingScreening,
  },
  holding_update: {
    key: 'holding_update',
    name: 'Holding update with a new date',
    description: 'Tells a candidate the decision will take longer, with a new date.',
    audience: 'candidate',
    aboutApplication: true,
    listUnsubscribe: false,
    footerReason: candidateReason,
    sample: {
      update: {
        newDate: 'Wednesday 9 December 2026',
        reason: 'one of the interview panel is away until next week and we want everyone to have their say.',
      },
    },
    defaults: holdingUpdate,
  },
  feedback_call: {
    key: 'feedback_call',
    name: 'Feedback call invitation',
    description:
      'Invites a candidate who asked for it to a call about their feedback, with a calendar invitation.',
    audience: 'candidate',
    aboutApplication: true,
    listUnsubscribe: false,
    footerReason: candidateReason,
    sample: {
      call: {
        when: 'Thursday 3 December 2026, 14:00–14:30',
        location: 'Phone: I will call you on the number you gave us',
        message: 'We can go through each part of your feedback and the training that would help most.',
      },
    },
    defaults: feedbackCall,
  },
  talent_network_invitation: {
    key: 'talent_network_invitation',
    name: 'Invitation to join the talent network',
    description: 'Invites a candidate the venue did not hire this time to stay in touch.',
    audience: 'candidate',
    aboutApplication: true,
    listUnsubscribe: true,
    footerReason: candidateReason,
    sample: { network: { joinUrl: 'https://hiring.example.co.uk/portal/join/sample', consentMonths: 12 } },
    defaults: talentNetworkInvitation,
  },
  new_opportunity: {
    key: 'new_opportunity',
    name: 'New opportunity',
    description: 'Tells someone in the talent network about a new role that suits them.',
    audience: 'candidate',
    aboutApplication: false,
    listUnsubscribe: true,
    footerReason: networkReason,
    sample: {
      opportunity: {
        title: 'Senior AV Technician',
        venue: 'The Assembly Rooms',
        summary: 'Leading the AV crew for conferences and concerts, with a Dante network across three rooms.',
        closingDate: 'Friday 18 December 2026',
        url: 'https://hiring.example.co.uk/portal/roles/sample',
      },
    },
    defaults: newOpportunity,
  },
  referral_thanks: {
    key: 'referral_thanks',
    name: 'Referral thanks',
    description: 'Thanks a candidate for referring a colleague.',
    audience: 'candidate',
    aboutApplication: false,
    listUnsubscribe: false,
    footerReason: networkReason,
    sample: { referral: { name: 'Alex Morgan' } },
    defaults: referralThanks,
  },
  referral_hired_thanks: {
    key: 'referral_hired_thanks',
    name: 'Referral thanks: hired',
    description: 'Thanks a candidate when a colleague they recommended is hired.',
    audience: 'candidate',
    aboutApplication: false,
    listUnsubscribe: false,
    footerReason: "You're receiving this email because you recommended a colleague to {organisation}.",
    sample: { referral: { name: 'Alex Morgan' } },
    defaults: referralHiredThanks,
  },
  experience_survey: {
    key: 'experience_survey',
    name: 'Experience survey',
    description: 'Asks a candidate to rate their experience of the process.',
    audience: 'candidate',
    aboutApplication: true,
    listUnsubscribe: false,
    footerReason: candidateReason,
    sample: { survey: { url: 'https://hiring.example.co.uk/portal/survey/sample' } },
    defaults: experienceSurvey,
  },
  reconsent: {
    key: 'reconsent',
    name: 'Re-consent before expiry',
    description: 'Asks someone in the talent network whether to stay, a month before their consent expires.',
    audience: 'candidate',
    aboutApplication: false,
    listUnsubscribe: true,
    footerReason: networkReason,
    sample: {
      consent: {
        expiresOn: '26 December 2026',
        renewUrl: 'https://hiring.example.co.uk/portal/renew/sample',
      },
    },
    defaults: reconsent,
  },
  scorecard_reminder: {
    key: 'scorecard_reminder',
    name: 'Scorecard reminder',
    description: 'Reminds an interviewer to fill in a missing scorecard.',
    audience: 'member',
    aboutApplication: true,
    listUnsubscribe: false,
    footerReason: memberReason,
    sample: {
      interview: { date: 'Tuesday 24 November 2026' },
      scorecard: { url: 'https://hiring.example.co.uk/scorecards/sample' },
    },
    defaults: scorecardReminder,
  },
  decision_reminder: {
    key: 'decision_reminder',
    name: 'Decision reminder',
    description: 'Reminds the hiring manager that a decision is due.',
    audience: 'member',
    aboutApplication: true,
    listUnsubscribe: false,
    footerReason: memberReason,
    sample: {
      decision: {
        dueOn: 'Tuesday 1 December 2026',
        timeLeft: '2 working days',
        url: 'https://hiring.example.co.uk/applications/sample',
      },
    },
    defaults: decisionReminder,
  },
  escalation: {
    key: 'escalation',
    name: 'Escalation',
    description: "Tells the organisation's admins that a decision is overdue.",
    audience: 'member',
    aboutApplication: true,
    listUnsubscribe: false,
    footerReason: memberReason,
    sample: {
      decision: {
        dueOn: 'Tuesday 1 December 2026',
        overdueBy: '1 working day',
        url: 'https://hiring.example.co.uk/applications/sample',
      },
    },
    defaults: escalation,
  },
  future_fit_reminder: {
    key: 'future_fit_reminder',
    name: 'Future-fit reminder',
    description:
      'Reminds a manager, on the day they chose, to get back in touch with a future-fit candidate.',
    audience: 'member',
    aboutApplication: false,
    listUnsubscribe: false,
    footerReason: memberReason,
    sample: {
      futureFit: {
        candidate: 'Sam Rigby',
        forRole: 'Senior AV Technician',
        after: 'a season running RF at a touring venue',
        url: 'https://hiring.example.co.uk/network?reengage=1',
      },
    },
    defaults: futureFitReminder,
  },
  manager_digest: {
    key: 'manager_digest',
    name: "Manager's daily digest",
    description: "A hiring manager's morning summary of decisions due and scorecards missing.",
    audience: 'member',
    aboutApplication: false,
    listUnsubscribe: false,
    footerReason: memberReason,
    sample: {
      digest: {
        date: 'Thursday 26 November 2026',
        url: 'https://hiring.example.co.uk/',
        counts: { awaitingDecision: 3, dueToday: 1, overdue: 0, scorecardsMissing: 2 },
        items: [
          {
            candidate: 'Sam Rigby',
            role: 'AV Technician — Main House',
            status: 'Decision due',
            dueOn: 'Thursday 26 November 2026',
            url: 'https://hiring.example.co.uk/applications/sample',
          },
        ],
      },
    },
    defaults: managerDigest,
  },
  organisation_invitation: {
    key: 'organisation_invitation',
    name: 'Invitation to join the organisation',
    description: 'Invites a person to join the organisation in Followspot.',
    audience: 'email',
    aboutApplication: false,
    listUnsubscribe: false,
    footerReason: "You're receiving this email because someone at {organisation} invited you to Followspot.",
    sample: {
      invitation: {
        role: 'a hiring manager',
        link: 'https://hiring.example.co.uk/invite/sample',
        expiresOn: 'Thursday 3 December 2026',
      },
      inviter: { name: 'Priya Shah' },
    },
    defaults: organisationInvitation,
  },
  fresh_link: {
    key: 'fresh_link',
    name: 'Fresh personal link',
    description: 'Sends a candidate a new link to their page, when they ask for one.',
    audience: 'candidate',
    aboutApplication: false,
    listUnsubscribe: false,
    footerReason: candidateReason,
    sample: {},
    defaults: freshLink,
  },
  email_change_confirm: {
    key: 'email_change_confirm',
    name: 'Confirm a new email address',
    description:
      'Asks a candidate who changed their email on their page to confirm the new address (sent to it).',
    audience: 'email',
    aboutApplication: false,
    listUnsubscribe: false,
    footerReason: "You're receiving this email because someone asked {organisation} to use this address.",
    sample: {
      emailChange: {
        confirmUrl: 'https://hiring.example.co.uk/c/email-change/sample',
        expiresOn: 'Thursday 10 December 2026',
      },
    },
    defaults: emailChangeConfirm,
  },
  email_changed_notice: {
    key: 'email_changed_notice',
    name: 'Email address changed',
    description:
      "Tells a candidate's previous address that their email was changed (once the new address confirmed it), and what to do if it wasn't them.",
    audience: 'email',
    aboutApplication: false,
    listUnsubscribe: false,
    footerReason: "You're receiving this email because this address was on your record with {organisation}.",
    sample: {
      emailChanged: { newAddress: 's•••@example.com', changedAt: '10:42 on Thursday 3 December 2026' },
    },
    defaults: emailChangedNotice,
  },
  webhook_disabled: {
    key: 'webhook_disabled',
    name: 'Webhook turned off',
    description:
      "Tells the organisation's admins that a webhook endpoint was turned off after failing for too long.",
    audience: 'member',
    aboutApplication: false,
    listUnsubscribe: false,
    footerReason: memberReason,
    sample: {
      webhook: {
        url: 'https://ats.example.co.uk/hooks/followspot',
        failingSince: 'Wednesday 2 December 2026, 09:15',
        lastError: 'The receiver answered 503 Service Unavailable',
        settingsUrl: 'https://hiring.example.co.uk/settings/webhooks',
      },
    },
    defaults: webhookDisabled,
  },
  password_reset: {
    key: 'password_reset',
    name: 'Password reset',
    description: 'Sends a member a link to choose a new password, when they ask for one on the sign-in page.',
    audience: 'member',
    aboutApplication: false,
    listUnsubscribe: false,
    footerReason: memberReason,
    sample: { reset: { link: 'https://hiring.example.co.uk/reset-password/sample', expiresIn: '1 hour' } },
    defaults: passwordReset,
  },
  account_email_change: {
    key: 'account_email_change',
    name: 'New email address to confirm',
    description:
      'Sends a member a link to confirm the new email address they gave on their account page, to that address.',
    audience: 'email',
    aboutApplication: false,
    listUnsubscribe: false,
    footerReason: memberReason,
    sample: {
      emailChange: {
        link: 'https://hiring.example.co.uk/confirm-email?token=sample',
        newEmail: 'sam.new@example.co.uk',
        expiresIn: '1 hour',
      },
    },
    defaults: accountEmailChange,
  },
  account_email_changed: {
    key: 'account_email_changed',
    name: 'Email address changed',
    description: "Tells a member's old address that their account's email address was changed.",
    audience: 'email',
    aboutApplication: false,
    listUnsubscribe: false,
    footerReason: memberReason,
    sample: {
      emailChange: { newEmail: 'sam.new@example.co.uk', changedAt: 'Thursday 3 December 2026, 18:30' },
    },
    defaults: accountEmailChanged,
  },
};

export function templateDefinition<K extends TemplateKey>(key: K): TemplateDefinition<K> {
  return templates[key];
}

/** The variables every email of an audience has, besides the template's own. */
export interface CommonVariables {
  organisation: { name: string };
  recipient: { name: string; firstName: string; email: string };
  candidate?: { name: string; firstName: string };
  role?: { title: string };
  venue?: { name: string };
  manager?: { name: string; email: string };
  /** Candidate emails: the candidate's personal link to their page (issued when the email is written). */
  portalUrl?: string;
}

/** What previews show for `portalUrl`; a real email gets a freshly issued personal link. */
export const samplePortalUrl = 'https://hiring.example.co.uk/c/your-personal-link';

export type TemplateContext<K extends TemplateKey = TemplateKey> = CommonVariables & TemplateExtras[K];

/** The first word of a name, for greetings ("Dear Sam"). */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** Which common variables a template has, with sample values. */
export function sampleCommon(definition: TemplateDefinition): CommonVariables {
  const common: CommonVariables = {
    organisation: { name: 'Northern Lights Venues' },
    recipient:
      definition.audience === 'candidate'
        ? { name: 'Sam Rigby', firstName: 'Sam', email: 'sam.rigby@example.com' }
        : definition.audience === 'member'
          ? { name: 'Jo Okafor', firstName: 'Jo', email: 'jo.okafor@example.co.uk' }
          : { name: 'Chris Patel', firstName: 'Chris', email: 'chris.patel@example.com' },
  };
  if (definition.audience === 'candidate' || definition.aboutApplication) {
    common.candidate = { name: 'Sam Rigby', firstName: 'Sam' };
  }
  if (definition.audience === 'candidate') common.portalUrl = samplePortalUrl;
  if (definition.aboutApplication) {
    common.role = { title: 'AV Technician — Main House' };
    common.venue = { name: 'Main House' };
    common.manager = { name: 'Jo Okafor', email: 'jo.okafor@example.co.uk' };
  }
  return common;
}

/** The whole sample context of a template: what previews without an application and validation use. */
export function sampleContext<K extends TemplateKey>(key: K): TemplateContext<K> {
  const definition = templates[key];
  return { ...sampleCommon(definition as TemplateDefinition), ...structuredClone(definition.sample) };
}
