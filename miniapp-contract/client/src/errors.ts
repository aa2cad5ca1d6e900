import type { components } from '../../types/api';

export type Problem = components['schemas']['Problem'];
export type ErrorCode = components['schemas']['ErrorCode'];

/** An answer of application/problem+json: `code` to switch on, `detail` in Chinese to show as it is. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly fields: Problem['fields'];
  readonly requestId: string | undefined;
  /** Seconds the server asked to wait (429, 503), when it said. */
  readonly retryAfter: number | undefined;

  constructor(problem: Problem, retryAfter?: number) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail ?? problem.title;
    this.fields = problem.fields ?? [];
    this.requestId = problem.requestId ?? undefined;
    this.retryAfter = retryAfter;
  }
}

/** The request never got an answer (offline, timeout, connection dropped): it may or may not have been done. */
export class NetworkError extends Error {
  constructor(readonly errMsg: string) {
    super(`网络不可用，请稍后重试（${errMsg}）`);
    this.name = 'NetworkError';
  }
}
