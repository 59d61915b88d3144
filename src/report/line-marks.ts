/**
 * The sentences that count the lines whose figure is not simply right: lower bounds, assumed rates and
 * facts marked UNVERIFIED. Every output format says them, in its own markup, so none is silent.
 */
import type { RunSummary } from './summary.js';

const lines = (n: number): string => (n === 1 ? '1 line' : `${n} lines`);

export function lineMarkSentences(c: RunSummary['counts']): string[] {
  const out: string[] = [];
  if (c.incomplete > 0)
    out.push(`${lines(c.incomplete)} ${c.incomplete === 1 ? 'is' : 'are'} incomplete (a rate could not be computed, or the data knows it does not cover a measure that reaches ${c.incomplete === 1 ? 'it' : 'them'}): ${c.incomplete === 1 ? 'its total is a lower bound' : 'their totals are lower bounds'}`);
  if (c.assumed > 0)
    out.push(
      `${lines(c.assumed)} ${c.assumed === 1 ? 'rests' : 'rest'} on an assumption named in ${c.assumed === 1 ? 'its' : 'their'} notes: an assumed AD/CVD rate (the order's rate for producers without their own: give the producer's own rate in adcvd_rate), or an entry date after the rules' as-of date (later measures are not known to this data)`,
    );
  if (c.dependingOnUnverified > 0) out.push(`${lines(c.dependingOnUnverified)} ${c.dependingOnUnverified === 1 ? 'depends' : 'depend'} on facts the data marks UNVERIFIED`);
  return out;
}

/** Every count in one line, zeros too, so a run that wrote its output to a file still says them all where it was run. */
export function countsLine(c: RunSummary['counts']): string {
  return (
    `Lines read ${c.read} = computed ${c.computed} + not importable ${c.prohibited} + outside these rules ${c.outside} + rejected ${c.rejected}; ` +
    `of the computed: lower bound (incomplete) ${c.incomplete}, depending on UNVERIFIED facts ${c.dependingOnUnverified}, assumed ${c.assumed}`
  );
}
