import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/database.ts';
import { insertTestCandidate } from '../../../test/support/factories/applications.ts';
import { personalLinkMarker, type SealedLink, unsealLinks } from './sealed-links.ts';

describeEachDatabase('minting a message’s links as it goes', (get) => {
  /** Mints the links of an email to a candidate's page, as the worker does when it sends it. */
  const unseal = (organisationId: string, links: SealedLink[]) =>
    unsealLinks(
      get().ctx.kysely,
      {
        organisation_id: organisationId,
        sealed_links: JSON.stringify(links),
        html: `<a href="https://followspot.test/c/${personalLinkMarker}">Your page</a>`,
        text: `https://followspot.test/c/${personalLinkMarker}`,
      },
      get().ctx.now(),
    );
  const linksOf = async (candidateId: string) =>
    get()
      .ctx.kysely.selectFrom('candidate_link')
      .select('id')
      .where('candidate_id', '=', candidateId)
      .execute();

  it('mints a lone personal link and puts it in the email', async () => {
    const { ctx } = get();
    const candidate = await insertTestCandidate(ctx);
    const unsealed = await unseal(candidate.organisationId, [
      { kind: 'candidate_page', candidateId: candidate.id },
    ]);
    expect(unsealed.ok).toBe(true);
    if (!unsealed.ok) return;
    expect(unsealed.text).not.toContain(personalLinkMarker);
    expect(unsealed.text).toMatch(/\/c\/[A-Za-z0-9_-]{43}$/);
    expect(await linksOf(candidate.id)).toHaveLength(1);
  });

  it('keeps none of a message’s links when one of them cannot be minted', async () => {
    const { ctx } = get();
    const candidate = await insertTestCandidate(ctx);
    const unsealed = await unseal(candidate.organisationId, [
      { kind: 'candidate_page', candidateId: candidate.id },
      { kind: 'invitation', invitationId: 'no-such-invitation' },
    ]);
    expect(unsealed).toEqual({ ok: false, problem: expect.stringMatching(/invitation was cancelled/) });
    expect(await linksOf(candidate.id)).toHaveLength(0);
  });

  it('refuses a lone link of a candidate who no longer exists', async () => {
    const { ctx } = get();
    const candidate = await insertTestCandidate(ctx);
    const unsealed = await unseal(candidate.organisationId, [
      { kind: 'candidate_page', candidateId: 'erased-candidate' },
    ]);
    expect(unsealed).toEqual({ ok: false, problem: expect.stringMatching(/no longer exists/) });
  });
});
