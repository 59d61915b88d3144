/**
 * The Special column lists rates with the programs they serve: "Free (A+,AU,...,S,SG) 2.8¢/liter (JO)".
 * USMCA is program S (or S+, with additional conditions).
 */
import { parseRateText } from './rate-text.js';
import type { ParsedRate } from './types.js';

const GROUP = /([^()]+?)\s*\(([^)]*)\)/g;

export interface UsmcaSpecial {
  rate: ParsedRate;
  rateText: string;
  /** S+ (additional conditions) rather than plain S. */
  plus: boolean;
}

export function usmcaSpecial(specialText: string): UsmcaSpecial | undefined {
  for (const m of specialText.matchAll(GROUP)) {
    const programs = m[2]!.split(',').map((p) => p.trim());
    const hasPlus = programs.includes('S+');
    if (programs.includes('S') || hasPlus) {
      const rateText = m[1]!.trim();
      return { rate: parseRateText(rateText), rateText, plus: hasPlus && !programs.includes('S') };
    }
  }
  return undefined;
}

export function usmcaRate(specialText: string): ParsedRate | undefined {
  return usmcaSpecial(specialText)?.rate;
}
