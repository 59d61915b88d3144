/**
 * Issue 19, currency: the currency of a line comes from its currency cell, the currency its money headers
 * name ("Value (CAD)"), or --currency; a contradiction between them is an error naming both, a rate no line
 * used is a warning, and every output says each line's invoice currency and rate. Through the CLI.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tariffAsync } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-currency-'));
let n = 0;
function file(text: string): string {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, text);
  return path;
}

type JsonLine = Record<string, unknown> & { type: string };
function jsonLines(stdout: string): JsonLine[] {
  return (JSON.parse(stdout) as { results: JsonLine[] }).results.filter((r) => r.type === 'line');
}

/** A file of two lines whose values add up to 288,350.00 under the given value header. */
const invoice = (valueHeader: string): string => file(`hts,${valueHeader},entry_date\n8481.80.9050,200000.00,2025-09-01\n8481.80.9050,88350.00,2025-09-01\n`);
const VALUE_CAD = '"Value (CAD)"';

describe.concurrent('the currency a value header names', () => {
  it('a CAD invoice under "Value (CAD)" mapped with --column is converted with --fx (206,170.25, not 288,350.00 as USD)', async () => {
    const r = await tariffAsync(['estimate', invoice(VALUE_CAD), '--column', 'value=Value (CAD)', '--fx', 'CAD=0.7150', '--format', 'json']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { summary: { value: string } }).summary.value).toBe('206170.25');
    expect(jsonLines(r.stdout).map((l) => [l.customs_value, l.invoice_currency, l.fx_rate])).toEqual([
      ['143000.00', 'CAD', '0.7150'],
      ['63170.25', 'CAD', '0.7150'],
    ]);
    expect(r.stderr).not.toContain('warning');
  });

  it.each([
    ['Value (CAD)', 'CAD'], ['value_cad', 'CAD'], ['CAD value', 'CAD'], ['Customs Value [CAD]', 'CAD'], ['Value (C$)', 'CAD'], ['Amount ($CA)', 'CAD'],
    ['Value (US$)', 'USD'], ['value_usd', 'USD'], ['Line value EUR', 'EUR'],
  ])('"%s" is the value column, in %s, without --column', async (header, currency) => {
    const r = await tariffAsync(['estimate', invoice(`"${header}"`), '--fx', 'CAD=0.7150', '--fx', 'EUR=1.1', '--format', 'json']);
    expect(r.status).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.invoice_currency)).toEqual([currency, currency]);
    const rate = { CAD: '0.7150', EUR: '1.1', USD: '1' }[currency];
    expect(lines[0]!.fx_rate).toBe(rate);
  });

  it('"Montant ($CA)" mapped with --column is CAD', async () => {
    const r = await tariffAsync(['estimate', invoice('"Montant ($CA)"'), '--column', 'value=Montant ($CA)', '--fx', 'CAD=0.7150', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ customs_value: '143000.00', invoice_currency: 'CAD' });
  });

  it.each([['Value'], ['Customs value'], ['Amount ($)'], ['Value (FOB)'], ['value_all'], ['Montant']])('"%s" names no currency: the value stays USD', async (header) => {
    const r = await tariffAsync(['estimate', invoice(`"${header}"`), '--column', `value=${header}`, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ customs_value: '200000.00', invoice_currency: 'USD', fx_rate: '1' });
  });

  it('a header in CAD with no rate for CAD stops the run (exit 1), naming the header and the option to give', async () => {
    const r = await tariffAsync(['estimate', invoice(VALUE_CAD), '--format', 'csv']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the column "Value (CAD)" is in CAD: give its rate with --fx CAD=<USD per CAD>');
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('a header currency that contradicts --currency is a usage error naming both, and nothing is computed', async () => {
    const r = await tariffAsync(['estimate', invoice(VALUE_CAD), '--fx', 'CAD=0.7150', '--currency', 'USD', '--format', 'csv']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the column "Value (CAD)" is in CAD but --currency USD was given');
    expect(r.stdout).not.toContain('computed');
  });

  it('a header currency that contradicts the row\'s currency cell rejects the row, naming the header, the cell and both currencies', async () => {
    const input = file('hts,Value (CAD),currency,entry_date\n8481.80.9050,1000.00,EUR,2025-09-01\n8481.80.9050,1000.00,cad,2025-09-01\n');
    const r = await tariffAsync(['estimate', input, '--fx', 'CAD=0.7150', '--fx', 'EUR=1.1', '--format', 'json']);
    expect(r.status).toBe(2);
    const results = (JSON.parse(r.stdout) as { results: JsonLine[] }).results;
    const rejected = results.find((x) => x.type === 'rejected')!;
    expect(rejected).toMatchObject({ column: 'currency', value: 'EUR' });
    expect(rejected.reason).toBe('the currency cell says EUR but the column "Value (CAD)" is in CAD; a line has one currency');
    expect(jsonLines(r.stdout)).toEqual([expect.objectContaining({ customs_value: '715.00', invoice_currency: 'CAD' })]);
  });

  it('money columns naming different currencies stop the run; naming the same one converts them all', async () => {
    const mixed = await tariffAsync(['estimate', file('hts,Value (CAD),Freight (USD),entry_date\n8481.80.9050,1000.00,50.00,2025-09-01\n'), '--fx', 'CAD=0.7150', '--format', 'csv']);
    expect(mixed.status).toBe(1);
    expect(mixed.stderr).toContain('columns "Value (CAD)" and "Freight (USD)" name different currencies (CAD and USD); a line has one currency');
    const same = await tariffAsync(['estimate', file('hts,Value (CAD),freight_cad,value_basis,entry_date\n8481.80.9050,1000.00,100.00,CIF,2025-09-01\n'), '--fx', 'CAD=0.7150', '--format', 'json']);
    expect(same.status).toBe(0);
    // CIF 1000 CAD less freight 100 CAD = 900 CAD = 643.50 USD
    expect(jsonLines(same.stdout)[0]).toMatchObject({ customs_value: '643.50', invoice_currency: 'CAD' });
  });
});

describe.concurrent('--currency', () => {
  const plain = (): string => file('hts,value,entry_date\n8481.80.9050,1000.00,2025-09-01\n');

  it('is the currency of lines without a currency cell; a cell still wins', async () => {
    const r = await tariffAsync(['estimate', file('hts,value,currency,entry_date\n8481.80.9050,1000.00,,2025-09-01\n8481.80.9050,1000.00,USD,2025-09-01\n'), '--currency', 'cad', '--fx', 'CAD=0.7150', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(jsonLines(r.stdout).map((l) => [l.customs_value, l.invoice_currency, l.fx_rate])).toEqual([
      ['715.00', 'CAD', '0.7150'],
      ['1000.00', 'USD', '1'],
    ]);
  });

  it('without a rate, or not a currency code, is a usage error', async () => {
    const noRate = await tariffAsync(['estimate', plain(), '--currency', 'CAD']);
    expect(noRate.status).toBe(1);
    expect(noRate.stderr).toContain('--currency CAD: no exchange rate for CAD; give --fx CAD=<USD per CAD>');
    const bad = await tariffAsync(['estimate', plain(), '--currency', 'dollars']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--currency dollars: expected a three-letter ISO currency code');
  });

  it('a line with a currency cell and no rate is still rejected, never read as USD', async () => {
    const r = await tariffAsync(['estimate', file('hts,value,currency,entry_date\n8481.80.9050,1000.00,EUR,2025-09-01\n'), '--format', 'csv']);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('currency: no exchange rate for EUR');
  });
});

describe.concurrent('a rate no line used', () => {
  it('is a warning on stderr naming the rate; a used rate is not', async () => {
    const unused = await tariffAsync(['estimate', invoice('value'), '--fx', 'CAD=0.7150', '--format', 'csv']);
    expect(unused.status).toBe(0);
    expect(unused.stderr).toContain('warning: the rate CAD=0.7150 was not used: no line computed is in CAD');
    const used = await tariffAsync(['estimate', invoice('value'), '--fx', 'CAD=0.7150', '--currency', 'CAD', '--format', 'csv']);
    expect(used.stderr).not.toContain('warning');
    const compared = await tariffAsync(['compare', invoice('value'), '--scenario', 'current', '--scenario', 'tariffs-removed', '--fx', 'EUR=1.1', '--format', 'csv']);
    expect(compared.stderr).toContain('warning: the rate EUR=1.1 was not used');
  });
});

describe.concurrent('every output says the invoice currency and rate', () => {
  const mixed = (): string => file('hts,value,currency,entry_date\n8481.80.9050,1000.00,CAD,2025-09-01\n8481.80.9050,1000.00,,2025-09-01\n');
  const cells = (csv: string, names: string[]): string[][] => {
    const [head, ...rows] = csv.trim().split('\n');
    const at = names.map((name) => head!.split(',').indexOf(name));
    return rows.map((row) => at.map((i) => row.split(',')[i]!));
  };

  it('estimate CSV: invoice_currency and fx_rate per line (USD and 1 for a USD line)', async () => {
    const r = await tariffAsync(['estimate', mixed(), '--fx', 'CAD=0.7150', '--format', 'csv']);
    expect(cells(r.stdout, ['customs_value', 'invoice_currency', 'fx_rate'])).toEqual([
      ['715.00', 'CAD', '0.7150'],
      ['1000.00', 'USD', '1'],
    ]);
  });

  it('ES-003 input is USD: the columns are there, USD and 1', async () => {
    const r = await tariffAsync(['estimate', 'data/examples/es003-sample.csv', '--format', 'csv']);
    const computed = cells(r.stdout, ['status', 'invoice_currency', 'fx_rate']).filter(([status]) => status === 'computed');
    expect(computed.length).toBeGreaterThan(0);
    for (const row of computed) expect(row).toEqual(['computed', 'USD', '1']);
  });

  it('compare CSV and JSON: per line', async () => {
    const args = [mixed(), '--scenario', 'current', '--scenario', 'tariffs-removed', '--fx', 'CAD=0.7150'];
    const csv = await tariffAsync(['compare', ...args, '--format', 'csv']);
    expect(cells(csv.stdout, ['level', 'value_usd', 'invoice_currency', 'fx_rate'])).toEqual([
      ['line', '715.00', 'CAD', '0.7150'],
      ['line', '1000.00', 'USD', '1'],
      ['entry', '1715.00', '', ''],
    ]);
    const json = await tariffAsync(['compare', ...args, '--format', 'json']);
    expect(jsonLines(json.stdout).map((l) => [l.invoice_currency, l.fx_rate])).toEqual([['CAD', '0.7150'], ['USD', '1']]);
    expect((JSON.parse(json.stdout) as { summary: { invoice_currencies: unknown } }).summary.invoice_currencies).toEqual([
      { invoice_currency: 'CAD', fx_rate: '0.7150' },
      { invoice_currency: 'USD', fx_rate: '1' },
    ]);
  });

  it('the table and the HTML report: the amount as invoiced on the line and the currencies of the run', async () => {
    const table = await tariffAsync(['estimate', mixed(), '--fx', 'CAD=0.7150', '--format', 'table']);
    expect(table.stdout).toMatch(/715\.00[^\n]*\n[^\n]*1000\.00 CAD[^\n]*\n[^\n]*at 0\.7150/);
    expect(table.stdout).toContain('Invoice currencies: CAD at 0.7150 USD per CAD; USD');
    const usdOnly = await tariffAsync(['estimate', invoice('value'), '--format', 'table']);
    expect(usdOnly.stdout).toContain('Invoice currency: USD (not converted)');
    const html = await tariffAsync(['estimate', mixed(), '--fx', 'CAD=0.7150', '--format', 'html']);
    expect(html.stdout).toContain('<p data-field="invoice-currency">Invoice currencies: CAD at 0.7150 USD per CAD; USD</p>');
    expect(html.stdout).toContain('<span class="muted">1000.00 CAD at 0.7150</span>');
    const compareTable = await tariffAsync(['compare', mixed(), '--scenario', 'current', '--scenario', 'tariffs-removed', '--fx', 'CAD=0.7150', '--format', 'table']);
    expect(compareTable.stdout).toContain('Invoice currencies: CAD at 0.7150 USD per CAD; USD');
  });

  it('explain: the amount as invoiced and the USD per unit of a converted line; a USD line says it was not converted', async () => {
    const input = mixed();
    const cad = await tariffAsync(['explain', input, '--line', '1', '--fx', 'CAD=0.7150']);
    expect(cad.status).toBe(0);
    expect(cad.stdout).toContain('customs value 715.00 USD (invoiced 1000.00 CAD at 0.7150 USD per CAD)');
    const usd = await tariffAsync(['explain', input, '--line', '2', '--fx', 'CAD=0.7150']);
    expect(usd.status).toBe(0);
    expect(usd.stdout).toContain('customs value 1,000.00 USD (invoiced in USD, not converted)');
  });
});

describe.concurrent('lookup --currency --fx', () => {
  it('converts the value as estimate does and says so; no rate is a usage error; an unused rate a warning', async () => {
    const r = await tariffAsync(['lookup', '8481.80.9050', '--date', '2025-09-01', '--value', '1000', '--currency', 'CAD', '--fx', 'CAD=0.7150', '--fx', 'EUR=1.1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('customs value 715.00 USD (given as 1000 CAD at 0.7150 USD per CAD)');
    expect(r.stderr).toContain('warning: the rate EUR=1.1 was not used: the line is in CAD');
    const json = await tariffAsync(['lookup', '8481.80.9050', '--date', '2025-09-01', '--value', '1000', '--currency', 'CAD', '--fx', 'CAD=0.7150', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ customs_value: '715.00', invoice_currency: 'CAD', fx_rate: '0.7150' });
    const noRate = await tariffAsync(['lookup', '8481.80.9050', '--date', '2025-09-01', '--currency', 'CAD']);
    expect(noRate.status).toBe(1);
    expect(noRate.stderr).toContain('--currency CAD: no exchange rate for CAD');
  });
});
