import { describe, expect, it } from 'vitest';
import { lintRuleSet } from '../../src/engine/lint.js';
import { ruleSetFromYaml } from '../helpers/schedule.js';

const head = `
format: tariff-schedule/1
id: lint
version: "1"
title: Lint
importing_country: US
origins: [CA]
as_of: 2025-12-31
coverage: { from: 2025-01-01, to: 2025-12-31 }
authorities: { a: { name: A, law: L } }
sources: { T: { title: t } }
measures:
`;
const duty = (id: string, scope: string, extra = ''): string =>
  `  - { id: ${id}, title: ${id}, category: additional_duty, authority: a, instrument: I, citation: C, heading: "9903.00.00", scope: ${scope}, periods: [{ from: 2025-03-01, rate: "10%" }], sources: [T]${extra} }\n`;

describe('rules lint', () => {
  it('warns when two duties can reach the same line with no rule between them, from the first day they meet', () => {
    const findings = lintRuleSet(ruleSetFromYaml(head + duty('wide', '{ include: all }') + duty('narrow', '{ include: ["7208"] }')));
    expect(findings.map((f) => [f.first, f.second, f.from])).toEqual([['wide', 'narrow', '2025-03-01']]);
  });

  it('is silent when one excludes the other, when the data says they are cumulative, or when scopes do not meet', () => {
    const excluded = head + duty('wide', '{ include: all }', ', excludes: [{ measure: narrow, reason: r }]') + duty('narrow', '{ include: ["7208"] }');
    const cumulative = head + duty('wide', '{ include: all }', ', cumulative_with: [{ measure: narrow, reason: both by law }]') + duty('narrow', '{ include: ["7208"] }');
    const apart = head + duty('one', '{ include: ["7208"] }') + duty('two', '{ include: ["7209", "72101"] }');
    const nested = head + duty('one', '{ include: ["720851"] }') + duty('two', '{ include: ["7208"] }');
    expect(lintRuleSet(ruleSetFromYaml(excluded))).toEqual([]);
    expect(lintRuleSet(ruleSetFromYaml(cumulative))).toEqual([]);
    expect(lintRuleSet(ruleSetFromYaml(apart))).toEqual([]);
    expect(lintRuleSet(ruleSetFromYaml(nested)).length).toBe(1);
  });

  it('is silent when a scope excludes the codes the other reaches, and still warns when the exclusion is narrower', () => {
    const split = head + duty('chapter72', '{ include: ["72", "73"], exclude: ["73"] }') + duty('chapter73', '{ include: ["72", "73"], exclude: ["72"] }');
    const byList = head + duty('nails', '{ include: ["7317005503"] }') + duty('other-nails', '{ include: ["73170055"], exclude: ["7317005503"] }');
    const narrower = head + duty('one', '{ include: ["7317"], exclude: ["7317005503"] }') + duty('two', '{ include: ["73170055"] }');
    expect(lintRuleSet(ruleSetFromYaml(split))).toEqual([]);
    expect(lintRuleSet(ruleSetFromYaml(byList))).toEqual([]);
    expect(lintRuleSet(ruleSetFromYaml(narrower)).length).toBe(1);
  });
});
