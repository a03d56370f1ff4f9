"""Types generated from the OpenAPI spec (openapi/aipg.yaml) by `pnpm gen`; never edited by hand."""
