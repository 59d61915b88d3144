/** Commands report their exit code here; main returns it after commander finishes. */
let code = 0;
export function setExitCode(value: number): void {
  code = value;
}
export function exitCode(): number {
  return code;
}
