// What demo interviewers wrote, per criterion and rating: specific, observable, varied.
import type { Recommendation } from '../../domain/aggregation.ts';

type Tier = 1 | 2 | 3 | 4;

export const demoEvidenceByCriterion: Record<string, Record<Tier, string>> = {
  signal_flow: {
    1: 'Swapped cables at random on the patched fault; did not isolate the channel or check the patch bay.',
    2: 'Found the muted channel on the desk but needed a prompt to check the stage box input.',
    3: 'Worked down the chain from the stage box and found the faulty XLR in about eight minutes.',
    4: 'Split the chain in half, metered each point and found the faulty patch lead in under five minutes, explaining each step.',
  },
  audio: {
    1: 'Could not set a gain structure on the console; pushed faders to compensate for low input.',
    2: 'Set gains sensibly but was unsure how to co-ordinate radio mic frequencies for six channels.',
    3: 'Rang out the foldback cleanly and set up four radio mics with a sensible frequency plan.',
    4: 'Built a clean mix from scratch, notched two feedback frequencies by ear and explained RF co-ordination for a 16-channel system.',
  },
  video: {
    1: 'Did not know what EDID was and could not get the laptop onto the projector.',
    2: 'Got the switcher routing working but could not explain why the HDCP source showed black.',
    3: 'Routed three sources through the switcher and fixed the scaling on the LED processor.',
    4: 'Diagnosed the HDCP handshake failure, fixed the EDID at the switcher and set up a clean stream to the overflow room.',
  },
  lighting: {
    1: 'Could not patch a fixture on the console or explain a DMX address.',
    2: 'Patched the moving heads with help; recorded cues but missed the fade times.',
    3: 'Patched, focused and recorded a simple state with cues and fades without help.',
    4: 'Built a small plot on the console quickly, found a DMX termination fault and explained the fix.',
  },
  networking_control: {
    1: 'Unsure what an IP address or subnet was; could not find the Dante device on the network.',
    2: 'Found the Dante devices in Controller but could not explain the clocking error.',
    3: 'Subscribed the Dante channels, fixed the clock leader and explained the VLAN for audio.',
    4: 'Explained multicast versus unicast flows, set up redundancy on the secondary network and reset the Q-SYS control cleanly.',
  },
  rigging_power_safety: {
    1: 'Did not mention a risk assessment and lifted a speaker alone without checking its weight.',
    2: 'Knew the PAT basics but was vague on LOLER inspections and safety bonds.',
    3: 'Used safety bonds correctly, described the working-at-height plan and checked the PAT dates.',
    4: 'Talked through a full risk assessment for a flown PA, including LOLER records and the exclusion zone.',
  },
  communication: {
    1: 'Spoke over the role-play client and used jargon without checking understanding.',
    2: 'Polite with the client but did not confirm what they needed before starting.',
    3: 'Asked the client clear questions about the event and summarised the plan back to them.',
    4: 'Handled the anxious presenter calmly, explained the fallback plan in plain English and kept them informed.',
  },
  show_operation: {
    1: 'Froze when the playback cue failed and did not communicate with the stage manager.',
    2: 'Ran the cues accurately but was slow to react when the radio mic dropped out.',
    3: 'Kept calm when the mic failed, swapped to the spare and kept the show running.',
    4: 'Took cues cleanly on cans, recovered a failed playback within seconds and briefed the crew afterwards.',
  },
  planning_documentation: {
    1: 'No paperwork for the set-up; could not say what would go on a patch list.',
    2: 'Produced a patch list but left out the radio mic frequencies and power plan.',
    3: 'Wrote a clear patch list and a simple set-up timeline for the conference.',
    4: 'Produced a patch list, RF plan and get-in schedule that a colleague could run from without questions.',
  },
};

export function demoEvidence(criterionKey: string, rating: Tier): string {
  return (
    demoEvidenceByCriterion[criterionKey]?.[rating] ??
    'Answered the questions on this with examples from recent shows.'
  );
}

/** A rating profile by outcome: strong for offers, weaker for those not progressing, mixed otherwise. */
export function demoRating(
  stage: string,
  index: number,
  criterionIndex: number,
  interviewerIndex: number,
): Tier {
  const base = stage === 'hired' || stage === 'offer' ? 3.4 : stage === 'not_progressing' ? 2.0 : 2.8;
  const wobble = ((index * 7 + criterionIndex * 3 + interviewerIndex * 5) % 5) - 2; // -2..2
  // Every fifth candidate draws a real disagreement between interviewers on one criterion.
  const disagreement = index % 5 === 0 && criterionIndex === 1 ? (interviewerIndex === 0 ? 1.5 : -1.5) : 0;
  return Math.min(4, Math.max(1, Math.round(base + wobble * 0.45 + disagreement))) as Tier;
}

export function demoRecommendation(mean: number): Recommendation {
  return mean >= 3.3 ? 'strong_yes' : mean >= 2.6 ? 'yes' : mean >= 1.9 ? 'no' : 'strong_no';
}
