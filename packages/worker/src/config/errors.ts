export interface ConfigIssue {
  /** Where the bad value is: `endpoints[0].models[1].max_length`, or an env var name. */
  path: string;
  message: string;
}

/** Thrown for an invalid configuration; the message lists every bad field with its path. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: ConfigIssue[]) {
    super(
      issues.length === 1
        ? `invalid worker config: ${format(issues[0]!)}`
        : `invalid worker config:\n${issues.map((i) => `  ${format(i)}`).join('\n')}`,
    );
  }
}

function format(issue: ConfigIssue): string {
  return `${issue.path}: ${issue.message}`;
}
