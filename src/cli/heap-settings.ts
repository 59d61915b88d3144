/**
 * How the JavaScript engine's collector is set for this program, before anything is computed. Imported first
 * by the CLI, so it applies to the main thread and to every worker thread started later.
 *
 * Allocation-site pretenuring is off: V8 watches where objects are made and, when the objects of one place
 * once survived a collection together, makes later ones directly in the old generation. Early in a run
 * (the rule set loading, the first batch) that happens to the places that make line results; from then on
 * every line's results keep its young objects alive until a full collection, about 1 MB promoted per young
 * collection. Measured on 1M lines of compare: in half the runs (it depends on timing) 500 MB promoted and
 * peak memory 230 MB instead of 20 MB and 130 MB; with pretenuring off, every run the good way.
 *
 * The heap may grow to 1.3 times what was live after a full collection before the next one (V8 picks up to
 * 4 times when collections take little of its time, as they do here). The main thread keeps part results
 * waiting for their turn, some past two young collections, so they die in the old generation; with V8's
 * choice, compare on 5M lines on two threads went from 25 MB to 74 MB of heap between two full collections
 * and 245 MB peak memory (30 MB more than on 1M lines); with 1.3, 190 MB. A full collection of that heap
 * takes under 15 ms.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-allocation-site-pretenuring');
setFlagsFromString('--heap-growing-percent=30');
