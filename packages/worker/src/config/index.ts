export { configFromEnv, type Env } from './env.js';
export { ConfigError, type ConfigIssue } from './errors.js';
export { type LoadConfigOptions, loadConfig, parseConfigText } from './load.js';
export { advertisedModelName, type ParseResult, parseConfig } from './parse.js';
export * from './types.js';
