// Read from package.json at build time (esbuild keeps only this one field), so `changeset version` bumps
// the version sent in the default `Client-Agent` without anyone editing a constant by hand.
import { version } from '../package.json';

/** The package version, sent in the default `Client-Agent`. */
export const VERSION: string = version;
