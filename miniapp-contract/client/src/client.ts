import type { paths } from '../../types/api';
import { ApiError, NetworkError, type Problem } from './errors';
import { operations } from './operations';
import type { WxLike, WxRequestSuccess } from './wx';

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
/** The paths that have an operation for the method. */
export type PathsFor<M extends Method> = {
  [P in keyof paths]: [Op<P, M>] extends [never] ? never : P;
}[keyof paths];
type Params<O> = O extends { parameters: infer X } ? X : never;
type PathParams<O> = Params<O> extends { path: infer X } ? X : never;
type QueryParams<O> = Params<O> extends { query?: infer X } ? X : never;
type Body<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type Ok = 200 | 201 | 202 | 204;
type Content<R> = R extends { content: { 'application/json': infer J } }
  ? J
  : R extends { content: { 'image/png': unknown } }
    ? ArrayBuffer
    : undefined;
/** The body of a successful answer of the operation. */
export type Success<O> = O extends { responses: infer R } ? { [S in keyof R & Ok]: Content<R[S]> }[keyof R & Ok] : never;

export type RequestOptions<O> = ([PathParams<O>] extends [never] ? { path?: undefined } : { path: PathParams<O> }) & {
  query?: QueryParams<O>;
  body?: Body<O>;
  /** For a POST that takes one: reuse it to retry later what may already have been done. */
  idempotencyKey?: string;
  /** False: one attempt only, no backoff (the scan queue keeps its own retries). */
  retry?: boolean;
};

export interface ClientOptions {
  baseUrl: string;
  wx: WxLike;
  /** Attempts of a retriable request (network failure, 429, 503) before giving up; default 4. */
  maxAttempts?: number;
  /** The first backoff in ms when the server gives no Retry-After; doubled each time, default 500. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  tokenKey?: string;
}

export interface Client {
  get<P extends PathsFor<'get'>>(path: P, options?: RequestOptions<Op<P, 'get'>>): Promise<Success<Op<P, 'get'>>>;
  post<P extends PathsFor<'post'>>(path: P, options?: RequestOptions<Op<P, 'post'>>): Promise<Success<Op<P, 'post'>>>;
  put<P extends PathsFor<'put'>>(path: P, options?: RequestOptions<Op<P, 'put'>>): Promise<Success<Op<P, 'put'>>>;
  patch<P extends PathsFor<'patch'>>(path: P, options?: RequestOptions<Op<P, 'patch'>>): Promise<Success<Op<P, 'patch'>>>;
  delete<P extends PathsFor<'delete'>>(path: P, options?: RequestOptions<Op<P, 'delete'>>): Promise<Success<Op<P, 'delete'>>>;
  /** Logs in with wx.login() now (otherwise done on the first call that needs it, and again on a 401). */
  login(): Promise<string>;
  logout(): void;
}

interface Untyped {
  path?: Record<string, string | number>;
  query?: Record<string, unknown>;
  body?: unknown;
  idempotencyKey?: string;
  retry?: boolean;
}

/** A random id for Idempotency-Key and clientScanId (128 bits, hex). */
export function randomId(): string {
  let id = '';
  for (let i = 0; i < 32; i++) id += Math.floor(Math.random() * 16).toString(16);
  return id;
}

/**
 * The typed API client over wx.request: logs in with wx.login() and again once on a 401, sends an
 * Idempotency-Key with every POST that takes one (the same key on every retry), retries network failures of
 * safe or keyed requests and 429/503 answers with backoff (Retry-After when given), and throws ApiError with
 * the Chinese detail for every problem+json answer.
 */
export function createClient(options: ClientOptions): Client {
  const { wx, baseUrl } = options;
  const maxAttempts = options.maxAttempts ?? 4;
  const backoffMs = options.backoffMs ?? 500;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const tokenKey = options.tokenKey ?? 'yuhao.token';
  let loggingIn: Promise<string> | null = null;

  const storedToken = (): string | null => {
    const t = wx.getStorageSync(tokenKey);
    return typeof t === 'string' && t !== '' ? t : null;
  };

  function send(method: string, url: string, header: Record<string, string>, data?: string, binary = false) {
    return new Promise<WxRequestSuccess>((resolve, reject) => {
      wx.request({
        url,
        method: method as 'GET',
        header,
        data,
        dataType: '其他',
        responseType: binary ? 'arraybuffer' : 'text',
        success: resolve,
        fail: (err) => reject(new NetworkError(err.errMsg)),
      });
    });
  }

  function login(): Promise<string> {
    loggingIn ??= (async () => {
      try {
        const code = await new Promise<string>((resolve, reject) =>
          wx.login({ success: (r) => resolve(r.code), fail: (e) => reject(new NetworkError(e.errMsg)) }),
        );
        const answer = await call('post', '/api/v1/auth/wechat-login', { body: { code } });
        const token = (answer as { token: string }).token;
        wx.setStorageSync(tokenKey, token);
        return token;
      } finally {
        loggingIn = null;
      }
    })();
    return loggingIn;
  }

  async function call(method: Method, template: string, opts: Untyped = {}): Promise<unknown> {
    const info = operations[`${method.toUpperCase()} ${template}`];
    if (!info) throw new Error(`not in the contract: ${method.toUpperCase()} ${template}`);
    const url = baseUrl + expand(template, opts.path) + queryString(opts.query);
    const binary = template.endsWith('.png');
    const header: Record<string, string> = { Accept: 'application/json, application/problem+json, image/png' };
    if (opts.body !== undefined) header['Content-Type'] = 'application/json';
    if (info.idempotencyKey) header['Idempotency-Key'] = opts.idempotencyKey ?? randomId();
    const retriable = opts.retry !== false && (method !== 'post' || info.idempotencyKey);
    const data = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    let reloggedIn = false;
    for (let attempt = 1; ; attempt++) {
      if (!info.public) header.Authorization = `Bearer ${storedToken() ?? (await login())}`;
      let res: WxRequestSuccess;
      try {
        res = await send(method.toUpperCase(), url, header, data, binary);
      } catch (e) {
        if (!retriable || attempt >= maxAttempts) throw e;
        await sleep(backoffMs * 2 ** (attempt - 1));
        continue;
      }
      if (res.statusCode === 401 && !info.public && !reloggedIn) {
        // The session ended (idle, expired, revoked): log in again once, and resend.
        reloggedIn = true;
        wx.removeStorageSync(tokenKey);
        attempt--;
        continue;
      }
      if (res.statusCode < 400) return parse(res);
      const error = toError(res);
      const waitable = res.statusCode === 429 || res.statusCode === 503;
      if (!waitable || opts.retry === false || attempt >= maxAttempts) throw error;
      await sleep(error.retryAfter !== undefined ? error.retryAfter * 1000 : backoffMs * 2 ** (attempt - 1));
    }
  }

  return {
    get: (path, o) => call('get', path, o as Untyped) as never,
    post: (path, o) => call('post', path, o as Untyped) as never,
    put: (path, o) => call('put', path, o as Untyped) as never,
    patch: (path, o) => call('patch', path, o as Untyped) as never,
    delete: (path, o) => call('delete', path, o as Untyped) as never,
    login,
    logout: () => wx.removeStorageSync(tokenKey),
  };
}

function expand(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{([^}]+)}/g, (_, name: string) => {
    if (values[name] === undefined) throw new Error(`path parameter ${name} is missing`);
    return encodeURIComponent(String(values[name]));
  });
}

function queryString(query: Record<string, unknown> = {}): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    for (const x of Array.isArray(v) ? v : [v]) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(x))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function header(res: WxRequestSuccess, name: string): string | undefined {
  const key = Object.keys(res.header ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : res.header[key];
}

function parse(res: WxRequestSuccess): unknown {
  if (res.data instanceof ArrayBuffer) return res.data;
  if (res.statusCode === 204 || res.data === '') return undefined;
  return (header(res, 'Content-Type') ?? '').includes('json') ? JSON.parse(res.data) : res.data;
}

function toError(res: WxRequestSuccess): ApiError {
  const retryAfter = Number(header(res, 'Retry-After'));
  let problem: Problem;
  try {
    if (typeof res.data !== 'string') throw new Error('binary error body');
    problem = JSON.parse(res.data) as Problem;
  } catch {
    problem = { type: 'about:blank', title: '服务器开小差了', status: res.statusCode, detail: `服务器返回了 ${res.statusCode}`, code: 'INTERNAL_ERROR', fields: [] };
  }
  if (typeof problem.code !== 'string') problem = { ...problem, code: 'INTERNAL_ERROR', status: res.statusCode };
  return new ApiError(problem, Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined);
}
