import type { OpParsedInput } from '../../contract/operations';
import type { OperationContext } from '../gate/context';
import { describePlan, forgetCandidates, planCandidates, purgeClock } from './plan';
import { purgeCertificate, purgeRunner, type PurgeExtensions } from './purge';
import { listPurgeRuns } from './runs';

/** The retention purge (Policy 427.5): its preview, the run, its history and certificates. */
export const retentionHandlers = (extensions: PurgeExtensions) => ({
  'purge.preview': (ctx: OperationContext, input: OpParsedInput<'purge.preview'>) => {
    const clock = purgeClock(ctx.settings, ctx.now, input.asOf ?? ctx.settings.purgeAsOf ?? undefined);
    const kept = planCandidates(ctx.db, clock, extensions.keepers);
    const plan = describePlan(ctx.db, clock, kept);
    forgetCandidates(ctx.db);
    ctx.touch({ asOf: plan.asOf, asOfIsDrill: plan.asOfIsDrill, reads: plan.reads });
    return plan;
  },
  'purge.run': purgeRunner(extensions),
  'purge.list': (ctx: OperationContext) => listPurgeRuns(ctx.db),
  // a job: the document is made again (pdfkit writes asynchronously) and checked against the hash kept when it ran
  'purge.certificate': async function* (ctx: OperationContext, input: OpParsedInput<'purge.certificate'>) {
    ctx.touch({ purgeRun: input.runId });
    yield { done: 0, total: null, unit: 'pages', phase: `making the certificate of purge run ${input.runId} again` };
    const document = await purgeCertificate(ctx.db, input.runId, extensions.signers);
    return {
      runId: input.runId,
      fileName: `purge-certificate-run-${input.runId}.pdf`,
      sha256: document.sha256,
      pdfBase64: document.bytes.toString('base64'),
    };
  },
});
