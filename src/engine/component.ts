/** A charged amount with the law behind it, as every output shows it. */
import type { CompiledMeasure } from './compiled-measure.js';
import type { Component, EntryFee } from './types.js';

export function component(cm: CompiledMeasure, basis: string, baseCents: number, rateText: string, amountCents: number, baseDollars?: number): Component {
  return {
    measure: cm.id,
    ordinal: cm.ordinal,
    title: cm.title,
    category: cm.category,
    authority: cm.authority,
    authorityName: cm.authorityName,
    heading: cm.heading,
    instrument: cm.measure.instrument,
    citation: cm.measure.citation,
    basis,
    baseCents,
    // Every component has the same shape (absent fields are undefined, which JSON omits): one hidden class
    // for the engine's hottest allocation.
    baseDollars,
    rateText,
    amountCents,
    verified: cm.verified,
    unverifiedNote: cm.verified ? undefined : (cm.unverifiedNote ?? 'see the schedule'),
  };
}

/**
 * An entry fee charged with a group of lines, in one literal: built by spreading a component, these objects
 * were slow to make and, oddly, outlived the young generation (measured: 5% of all allocation promoted).
 */
export function entryFee(cm: CompiledMeasure, basis: string, baseDollars: number, amountCents: number, uncappedCents: number, wholeEntry?: EntryFee['wholeEntry']): EntryFee {
  return {
    measure: cm.id,
    ordinal: cm.ordinal,
    title: cm.title,
    category: cm.category,
    authority: cm.authority,
    authorityName: cm.authorityName,
    heading: cm.heading,
    instrument: cm.measure.instrument,
    citation: cm.measure.citation,
    basis,
    baseCents: baseDollars * 100,
    baseDollars,
    rateText: cm.rateText,
    amountCents,
    verified: cm.verified,
    unverifiedNote: cm.verified ? undefined : (cm.unverifiedNote ?? 'see the schedule'),
    uncappedCents,
    minimumCents: cm.minimumCents,
    maximumCents: cm.maximumCents,
    wholeEntry,
  };
}
