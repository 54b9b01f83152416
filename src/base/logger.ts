/** Where the stages report what they did; the CLI decides what reaches the terminal. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** What each stage did (-v). */
  debug?(message: string): void;
  /** Finer detail, such as each patch operation (-vv). */
  trace?(message: string): void;
}
