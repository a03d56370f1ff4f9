/** The package version, sent in the default `Client-Agent`. A test keeps it equal to package.json's. */
export const VERSION = '0.0.0';
