import document from '../generated/openapi.json';
import { type OpenApiDocument, SpecValidators } from './spec.js';

let shared: SpecValidators | undefined;

/** The compiled spec, built once per process (ajv compilation is the expensive part; validation is cheap). */
export function loadSpec(): SpecValidators {
  shared ??= new SpecValidators(document as unknown as OpenApiDocument);
  return shared;
}
