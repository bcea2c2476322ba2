import { describe, expect, it } from 'vitest';
import { avTechnicianFramework } from '../frameworks/av-technician.ts';
import { chooseTraining, trainingLine, trainingText } from './training.ts';

const criterion = (key: string) => avTechnicianFramework.criteria.find((c) => c.key === key)!.training;
const ids = (entries: { id: string }[]) => entries.map((e) => e.id);

describe('one fitting training suggestion per development area', () => {
  it('an RF gap gets the wireless/RF course, not console training', () => {
    const chosen = chooseTraining(criterion('audio'), {
      evidence: [
        'Set gains sensibly but was unsure how to co-ordinate radio mic frequencies for six channels.',
      ],
      level: 2,
      internalCandidate: false,
      count: 1,
    });
    expect(ids(chosen)).toEqual(['shure-wireless']);
  });

  it('a gain-structure gap gets console training', () => {
    const chosen = chooseTraining(criterion('audio'), {
      evidence: ['Could not set a gain structure on the console; pushed faders to compensate for low input.'],
      level: 1,
      internalCandidate: false,
      count: 1,
    });
    expect(ids(chosen)).toEqual(['console-operator']);
  });

  it('never offers an external candidate practice on our in-house events; our own staff may get it', () => {
    const evidence = ['Could not get a clean stream to the overflow room; unsure how to set the encoder.'];
    const external = chooseTraining(criterion('video'), {
      evidence,
      level: 1,
      internalCandidate: false,
      count: 2,
    });
    expect(ids(external)).not.toContain('camera-streaming-practice');
    const internal = chooseTraining(criterion('video'), {
      evidence,
      level: 1,
      internalCandidate: true,
      count: 1,
    });
    expect(ids(internal)).toEqual(['camera-streaming-practice']);
  });

  it('gives a second suggestion only on request', () => {
    const evidence = [
      'Unsure what an IP address or subnet was; could not find the Dante device on the network.',
    ];
    const one = chooseTraining(criterion('networking_control'), {
      evidence,
      level: 1,
      internalCandidate: false,
      count: 1,
    });
    const two = chooseTraining(criterion('networking_control'), {
      evidence,
      level: 1,
      internalCandidate: false,
      count: 2,
    });
    expect(one).toHaveLength(1);
    expect(two).toHaveLength(2);
    expect(two[0]).toEqual(one[0]);
  });

  it('reads as "name — provider — one line on why"', () => {
    const shure = criterion('audio').find((t) => t.id === 'shure-wireless')!;
    expect(trainingLine(shure)).toBe(
      'Wireless microphone and RF courses — Shure — for frequency planning, scanning, intermodulation and running radio microphones reliably.',
    );
    const abtt = criterion('lighting').find((t) => t.id === 'abtt-bronze')!;
    expect(trainingLine(abtt)).toMatch(/^ABTT Bronze Award — ABTT — for /);
    expect(trainingText([shure], 'Audio').split('\n')).toHaveLength(1);
  });
});
