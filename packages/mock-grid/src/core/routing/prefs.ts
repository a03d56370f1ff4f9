/**
 * What a requester may ask of the router (spec: `ChatCompletionRequest.routing` and `models`,
 * `RoutingPreferences`), read and checked once at submit, and kept on each of the request's jobs.
 */
import type { Worker } from '../entities.js';
import { GridError } from '../errors.js';

export const ROUTE_SORTS = ['speed', 'latency', 'reputation', 'price'] as const;
export type RouteSort = (typeof ROUTE_SORTS)[number];

/** Worker names one list may hold, and models one fallback list may hold (spec: `RoutingPreferences`). */
export const MAX_ROUTE_WORKERS = 16;
export const MAX_FALLBACK_MODELS = 8;

/** The `routing` object as sent, checked. */
export interface RoutingRequest {
  prefer: string[];
  only: string[];
  ignore: string[];
  trustedOnly: boolean;
  region: string | null;
  sort: RouteSort | null;
  minTokensPerS: number | null;
  maxTtftMs: number | null;
  allowFallbacks: boolean;
}

/** The router's part of a job: what it prefers and needs beyond the matching rules. */
export interface JobRouting {
  region: string | null;
  sort: RouteSort | null;
  /** Worker ids to prefer while any of them is free. */
  prefer: Set<string> | null;
  /** Hard: a worker measured at least this fast (tokens/s). */
  minTokensPerS: number | null;
  /** Hard: a worker measured to start within this (ms). */
  maxTtftMs: number | null;
  /** The model as the request named it (`auto`, a concrete name). */
  requested: string;
  /** How `auto` was resolved, or null. */
  modelRule: string | null;
  /** Models of the fallback list passed over at submit, and why. */
  skipped: { model: string; reason: string }[];
}

function invalid(field: string, limit: string | number, message: string): never {
  throw new GridError('InvalidField', message, { field: `routing.${field}`, limit });
}

function names(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0)) {
    invalid(field, 'worker names', `routing.${field} must be a list of worker names`);
  }
  if (value.length > MAX_ROUTE_WORKERS) {
    invalid(field, MAX_ROUTE_WORKERS, `routing.${field} names at most ${MAX_ROUTE_WORKERS} workers`);
  }
  return [...new Set(value as string[])];
}

function positive(value: unknown, field: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    invalid(field, '> 0', `routing.${field} must be a number > 0`);
  }
  return value;
}

/** Reads the request's `routing` object (absent → null). Throws InvalidField naming the field. */
export function readRouting(raw: unknown): RoutingRequest | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) invalid('', 'object', 'routing must be an object');
  const r = raw as Record<string, unknown>;
  const sort = r.sort ?? null;
  if (sort !== null && !ROUTE_SORTS.includes(sort as RouteSort)) {
    invalid('sort', ROUTE_SORTS.join(' | '), `routing.sort must be one of ${ROUTE_SORTS.join(', ')}`);
  }
  const region = r.region ?? null;
  if (region !== null && (typeof region !== 'string' || region.length === 0 || region.length > 64)) {
    invalid('region', '1..64 characters', 'routing.region must be a region name of 1..64 characters');
  }
  const flag = (field: string, fallback: boolean): boolean => {
    const v = r[field];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') invalid(field, 'boolean', `routing.${field} must be true or false`);
    return v;
  };
  const maxTtft = positive(r.max_ttft, 'max_ttft');
  return {
    prefer: names(r.prefer, 'prefer'),
    only: names(r.only, 'only'),
    ignore: names(r.ignore, 'ignore'),
    trustedOnly: flag('trusted_only', false),
    region: region as string | null,
    sort: sort as RouteSort | null,
    minTokensPerS: positive(r.min_tokens_per_s, 'min_tokens_per_s'),
    maxTtftMs: maxTtft === null ? null : maxTtft * 1000,
    allowFallbacks: flag('allow_fallbacks', true),
  };
}

/** Whether `worker`'s measured figures meet the job's hard speed constraints (unmeasured: they do not). */
export function fastEnough(routing: JobRouting, worker: Worker): boolean {
  if (routing.minTokensPerS !== null) {
    const speed = worker.standing.speed.get();
    if (speed === null || speed < routing.minTokensPerS) return false;
  }
  if (routing.maxTtftMs !== null) {
    const ttft = worker.standing.ttftMs.get();
    if (ttft === null || ttft > routing.maxTtftMs) return false;
  }
  return true;
}
