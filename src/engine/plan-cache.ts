/**
 * The memoiser around the law for bulk runs. reference.ts computes a line from the rules alone; what it
 * decides before the arithmetic (which measures apply, on what base, what is set aside and warned of)
 * depends only on facts a plan key holds, so a plan made for one line (line-plan) serves every line alike
 * (same segment, HTS code and key) and compute-line only does the arithmetic. Plans that charge alike share
 * one step list; a line whose base is carved to nothing gets the plan for that case, made when first needed.
 * One cache per compiled schedule (rule set), nothing kept at module level; the schedules of a comparison
 * share their plan keys (compileSchedules). The plan-sharing test holds the cached path to the reference on
 * every measure.
 */
import type { LineItem } from '../model/line-item.js';
import type { HtsRecord } from '../rules/hts/types.js';
import type { Column1Rate } from './column1.js';
import type { CompiledSchedule, Segment } from './compile.js';
import { planLine, type LinePlan, type PlanStep } from './line-plan.js';
import type { PlanKeys } from './plan-key.js';

/** Plans kept per segment; past this the segment's cache starts again (a file with that many kinds of line is rare). */
const PLAN_CACHE_LIMIT = 200_000;

/**
 * One object for equal notes and equal column 1 readings of the plans of a schedule: plans are many (one
 * per kind of line, per segment), their words few.
 */
export class PlanWords {
  private readonly objects = new Map<string, object>();

  share<T extends object>(value: T): T {
    const key = JSON.stringify(value);
    const known = this.objects.get(key);
    if (known) return known as T;
    this.objects.set(key, value);
    return value;
  }
}

/** What the cache keeps for one date segment. */
interface SegmentPlans {
  /** HTS code -> plan key -> plan. */
  plans: Map<string, Map<number, LinePlan>>;
  count: number;
  /** Step lists shared by the plans that charge a line alike (see shareSteps). */
  stepLists: Map<string, PlanStep[]>;
  /** A number for each column 1 reading the segment's steps hold (readings are shared objects: see PlanWords). */
  column1Ids: Map<Column1Rate, number>;
}

/** What makes a step what it is, as text (a shared column 1 reading is the same object in every step that has it). */
function stepKey(st: PlanStep, column1s: Map<Column1Rate, number>): string {
  let c1 = '';
  if (st.column1) {
    if (!column1s.has(st.column1)) column1s.set(st.column1, column1s.size);
    c1 = String(column1s.get(st.column1));
  }
  return [st.cm.stackIndex, st.baseKind, st.column ?? '', st.basis, st.minimumNanos ?? '', st.minimumBasis ?? '', st.carvedBy.join(','), st.carvedBasis ?? '', st.carvedAway?.reason ?? '', c1].join('\u0001');
}

export class PlanCache {
  /** Words the plans share. */
  readonly words = new PlanWords();
  /** Scratch for compute-line: each step's base after carving, for the steps carved by it. */
  readonly carved: number[] = [];
  /** Each segment's plans, at its index. */
  private readonly bySegment: Array<SegmentPlans | undefined> = [];

  constructor(
    private readonly compiled: CompiledSchedule,
    private readonly keys: PlanKeys,
  ) {}

  private of(seg: Segment): SegmentPlans {
    return (this.bySegment[seg.index] ??= { plans: new Map(), count: 0, stepLists: new Map(), column1Ids: new Map() });
  }

  /** The plan of a line in a segment, shared with the lines alike in what it depends on. */
  planFor(seg: Segment, item: LineItem, record: HtsRecord): LinePlan {
    const key = this.keys.key(item, record);
    if (key === undefined) return planLine(item, record, this.compiled, seg);
    const state = this.of(seg);
    let byKey = state.plans.get(item.hts);
    let plan = byKey?.get(key);
    if (plan) return plan;
    plan = planLine(item, record, this.compiled, seg);
    if (state.count >= PLAN_CACHE_LIMIT) {
      state.plans.clear();
      state.count = 0;
      byKey = undefined;
    }
    if (!byKey) state.plans.set(item.hts, (byKey = new Map()));
    byKey.set(key, plan);
    state.count += 1;
    return plan;
  }

  /** The plan for a line of `plan` whose step `index` was carved to nothing. */
  zeroedPlan(plan: LinePlan, index: number, item: LineItem, record: HtsRecord, seg: Segment): LinePlan {
    let next = plan.zeroedPlans?.get(index);
    if (!next) {
      next = planLine(item, record, this.compiled, seg, new Set([...plan.zeroed, plan.steps[index]!.cm.stackIndex]));
      plan.zeroedPlans ??= new Map();
      plan.zeroedPlans.set(index, next);
    }
    return next;
  }

  /**
   * The steps of a plan, shared with every plan of the segment that has the same: lines that differ only in
   * facts that set nothing aside and warn of nothing else (the transport of a line without a harbor fee, a
   * metal share no condition reads) are charged alike. The arithmetic reads the steps of every line, so
   * fewer of them stay in the processor's caches (measured: the step reads were a third of compare's line
   * arithmetic while each of several thousand plans had its own).
   */
  shareSteps(seg: Segment, steps: PlanStep[]): PlanStep[] {
    const state = this.of(seg);
    const key = steps.map((st) => stepKey(st, state.column1Ids)).join('\u0002');
    const shared = state.stepLists.get(key);
    if (shared) return shared;
    state.stepLists.set(key, steps);
    return steps;
  }
}
