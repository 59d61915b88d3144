/**
 * Resolves a scenario by name (data/scenarios/<name>.yaml) or path, validates it against its base schedule
 * with file:line:column errors, and returns the RuleSet the engine runs on.
 */
import { createHash } from 'node:crypto';
import { applyScenario } from './apply-scenario.js';
import { CURRENT, scenarioPath } from './paths.js';
import type { RuleError } from './rule-error.js';
import type { RuleSet } from './rule-set.js';
import { checkSchedule } from './schedule-checks.js';
import { scenarioSchema, type Scenario } from './scenario-schema.js';
import { readYamlFile } from './yaml-file.js';
import { errorAt, type YamlSource } from './yaml-source.js';


export type ScenarioResult = { ok: true; ruleSet: RuleSet } | { ok: false; errors: RuleError[] };

function checkReferences(source: YamlSource, scenario: Scenario, base: RuleSet): RuleError[] {
  const errors: RuleError[] = [];
  const ids = new Set(base.schedule.measures.map((m) => m.id));
  const authorities = new Set(Object.keys(base.schedule.authorities));
  if (scenario.base !== base.schedule.id) errors.push(errorAt(source, ['base'], `the scenario is for schedule "${scenario.base}", but the schedule loaded is "${base.schedule.id}"`));
  scenario.changes.forEach((c, i) => {
    if ('remove' in c) {
      c.remove.measures?.forEach((m, j) => {
        if (!ids.has(m)) errors.push(errorAt(source, ['changes', i, 'remove', 'measures', j], `no measure "${m}" in ${base.schedule.id}`));
      });
      c.remove.authorities?.forEach((a, j) => {
        if (!authorities.has(a)) errors.push(errorAt(source, ['changes', i, 'remove', 'authorities', j], `no authority "${a}" in ${base.schedule.id}; known: ${[...authorities].join(', ')}`));
      });
    } else if ('set_rate' in c && !ids.has(c.set_rate.measure)) {
      errors.push(errorAt(source, ['changes', i, 'set_rate', 'measure'], `no measure "${c.set_rate.measure}" in ${base.schedule.id}`));
    } else if ('end' in c && !ids.has(c.end.measure)) {
      errors.push(errorAt(source, ['changes', i, 'end', 'measure'], `no measure "${c.end.measure}" in ${base.schedule.id}`));
    } else if ('add' in c && ids.has(c.add.id)) {
      errors.push(errorAt(source, ['changes', i, 'add', 'id'], `measure "${c.add.id}" already exists; use set_rate or end to change it`));
    }
  });
  return errors;
}

export function loadScenario(nameOrFile: string, base: RuleSet): ScenarioResult {
  if (nameOrFile === CURRENT) return { ok: true, ruleSet: base };
  const path = scenarioPath(nameOrFile);
  const read = readYamlFile(path, scenarioSchema, 'scenario not found (built-in names are the files of data/scenarios/, or give a path)');
  if (!read.ok) return read;
  const { value: scenario, source, bytes } = read;
  const refErrors = checkReferences(source, scenario, base);
  if (refErrors.length > 0) return { ok: false, errors: refErrors };
  const applied = applyScenario(base.schedule, scenario.changes);
  // Problems in the changed schedule (an added measure naming an unknown source...) point at the changes.
  const findings = checkSchedule((p, message, options) => errorAt(source, ['changes'], `${p.join('.')}: ${message}`, options), applied.schedule).filter((f) => f.severity === 'error');
  if (findings.length > 0) return { ok: false, errors: findings };
  const hash = createHash('sha256').update(base.contentSha256).update('\0scenario\0').update(bytes).digest('hex');
  return {
    ok: true,
    ruleSet: {
      schedule: { ...applied.schedule, unknowns: [...applied.schedule.unknowns, ...scenario.assumptions.map((a) => `scenario ${scenario.id}: ${a}`)] },
      lists: base.lists,
      contentSha256: hash,
      scenario: `${scenario.id}@${scenario.version}`,
      scenarioTitle: scenario.title,
      ...(scenario.description !== undefined ? { scenarioDescription: scenario.description } : {}),
      ...(applied.usmcaEnded ? { usmcaEnded: true } : {}),
      ...(scenario.evaluate_as_of ? { evaluateAsOf: scenario.evaluate_as_of } : {}),
    },
  };
}
