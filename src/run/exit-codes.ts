/** Exit codes, documented in the README and in `tariff --help`. */
export const EXIT = {
  /** Every line computed. */
  OK: 0,
  /**
   * Usage error (also an output file naming the input, a file read, or another output), unreadable input
   * file, or a rule/scenario file error: nothing was computed, and no output file was replaced.
   */
  USAGE_OR_RULES: 1,
  /** Some lines were rejected (output for the rest was still written). */
  SOME_REJECTED: 2,
  /**
   * An unexpected internal error (run again with --debug for details), or output (standard output or a
   * file) could not be written; an output file is then left as it was.
   */
  INTERNAL: 3,
  /**
   * The program reading standard output closed it (`| head`): the run stopped there, quietly, with the
   * status a shell gives a Unix tool ended by SIGPIPE (128 + 13).
   */
  OUTPUT_CLOSED: 141,
  /** Interrupted (Ctrl-C, SIGTERM; 128 + the signal): the output files were left as they were. */
  INTERRUPTED: { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 },
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  0  every line computed
  1  usage error (e.g. --out naming the input), unreadable input, or an error in a rule or scenario file
     (nothing computed; no output file replaced)
  2  some lines were rejected; the rest were computed and written (see --rejects)
  3  unexpected internal error (run again with --debug), or output could not be written (disk full); an
     output file is then left as it was
  130, 143  interrupted by Ctrl-C (SIGINT) or SIGTERM: output files left as they were
  141  the program reading the output closed it (e.g. | head): the run stopped there
Output files (--out, --rejects, --cape) are written under a temporary name beside them and replace what was
there only when the run succeeds (exit 0 or 2).`;

/** `rules diff` exits as diff(1) does, so scripts can test "did the rules change?". */
export const DIFF_EXIT = {
  SAME: 0,
  DIFFERENT: 1,
  /** A file missing or with errors, or a usage error. */
  TROUBLE: 2,
} as const;
