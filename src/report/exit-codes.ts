/** Exit codes, documented in the README and in `tariff --help`. */
export const EXIT = {
  /** Every line computed. */
  OK: 0,
  /** Usage error, unreadable input file, or a rule/scenario file error: nothing was computed. */
  USAGE_OR_RULES: 1,
  /** Some lines were rejected (output for the rest was still written). */
  SOME_REJECTED: 2,
  /** An unexpected internal error (run again with --debug for details), or standard output could not be written. */
  INTERNAL: 3,
  /**
   * The program reading standard output closed it (`| head`): the run stopped there, quietly, with the
   * status a shell gives a Unix tool ended by SIGPIPE (128 + 13).
   */
  OUTPUT_CLOSED: 141,
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  0  every line computed
  1  usage error, unreadable input, or an error in a rule or scenario file (nothing computed)
  2  some lines were rejected; the rest were computed and written (see --rejects)
  3  unexpected internal error (run again with --debug), or standard output could not be written (disk full)
  141  the program reading the output closed it (e.g. | head): the run stopped there`;
