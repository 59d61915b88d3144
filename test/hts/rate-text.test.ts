import { describe, expect, it } from 'vitest';
import { parseRateText } from '../../src/rules/hts/rate-text.js';
import { usmcaRate, usmcaSpecial } from '../../src/rules/hts/special-text.js';

describe('column 1 rate text', () => {
  it.each([
    ['Free', { kind: 'free' }],
    ['6.5%', { kind: 'ad_valorem', rateNanos: 65_000_000 }],
    ['0.5%', { kind: 'ad_valorem', rateNanos: 5_000_000 }],
    ['4.9¢/kg', { kind: 'specific', amountNanoDollars: 49_000_000, per: 1, unit: 'kg' }],
    ['$1.035/kg', { kind: 'specific', amountNanoDollars: 1_035_000_000, per: 1, unit: 'kg' }],
    ['0.9¢ each', { kind: 'specific', amountNanoDollars: 9_000_000, per: 1, unit: 'each' }],
    ['55.7¢/1000', { kind: 'specific', amountNanoDollars: 557_000_000, per: 1000, unit: 'each' }],
    ['90¢/pr.', { kind: 'specific', amountNanoDollars: 900_000_000, per: 1, unit: 'pr.' }],
    ['6.3¢/liter', { kind: 'specific', amountNanoDollars: 63_000_000, per: 1, unit: 'liter' }],
    ['$1.70/m3', { kind: 'specific', amountNanoDollars: 1_700_000_000, per: 1, unit: 'm3' }],
    ['10.5¢/bbl', { kind: 'specific', amountNanoDollars: 105_000_000, per: 1, unit: 'bbl' }],
  ])('%s', (text, expected) => {
    expect(parseRateText(text)).toEqual(expected);
  });

  it('parses compound rates, with or without spaces around +', () => {
    expect(parseRateText('12.3¢/kg + 11.4%')).toEqual({
      kind: 'compound',
      parts: [
        { kind: 'specific', amountNanoDollars: 123_000_000, per: 1, unit: 'kg' },
        { kind: 'ad_valorem', rateNanos: 114_000_000 },
      ],
    });
    expect(parseRateText('1.8¢/kg +8.5%')).toMatchObject({ kind: 'compound', parts: [{ unit: 'kg' }, { rateNanos: 85_000_000 }] });
  });

  it.each([
    ['See additional U.S. note 4', 'not an ad valorem or per-unit rate'],
    ['2.2¢/kg on drained weight', 'drained weight'],
    ['3.9% on the value of the lead content', 'not an ad valorem'],
    ['0.5¢ each + 6.5% on the case', 'compound rate'],
    ['Free, under bond, as prescribed in U.S. note 4 to this subchapter', 'free only under conditions'],
    ['3.6606¢/kg less 0.020668¢/kg for each degree under 100 degrees', 'per "kg less'],
    ['', 'no rate'],
  ])('cannot compute "%s" and says why', (text, words) => {
    const r = parseRateText(text);
    expect(r.kind).toBe('unparsed');
    expect(r.kind === 'unparsed' && r.reason).toContain(words);
  });
});

describe('USMCA in the Special column', () => {
  it('finds the group that lists S or S+', () => {
    expect(usmcaRate('Free (A+,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)')).toEqual({ kind: 'free' });
    expect(usmcaRate('Free (A+,AU,BH,CL,CO,D,E,IL,KR,MA,OM,P,PA,PE,S,SG) 2.8¢/liter (JO)')).toEqual({ kind: 'free' });
    expect(usmcaRate('Free (A,AU,BH,CL,CO,E,IL,JO,MA,OM,P,PE, SG) 3.3% (KR) 1.2% (S)')).toEqual({ kind: 'ad_valorem', rateNanos: 12_000_000 });
    expect(usmcaSpecial('Free (CA, S+)')).toMatchObject({ plus: true });
  });

  it('does not mistake SG for S', () => {
    expect(usmcaRate('Free (A,AU,SG)')).toBeUndefined();
    expect(usmcaRate('')).toBeUndefined();
  });
});
