// The part of the mini-program's `wx` object the kit uses, so that it runs on the real one and on a test shim.

export interface WxRequestSuccess {
  statusCode: number;
  header: Record<string, string>;
  data: string | ArrayBuffer;
}

export interface WxRequestOptions {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  header: Record<string, string>;
  data?: string;
  /** '其他' leaves the body as text: the kit parses JSON and problem+json itself. */
  dataType: '其他';
  responseType: 'text' | 'arraybuffer';
  timeout?: number;
  success(res: WxRequestSuccess): void;
  fail(err: { errMsg: string }): void;
}

export interface WxLike {
  request(options: WxRequestOptions): unknown;
  login(options: { success(res: { code: string }): void; fail(err: { errMsg: string }): void }): void;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
  removeStorageSync(key: string): void;
  getNetworkType(options: { success(res: { networkType: string }): void; fail?(err: unknown): void }): void;
  onNetworkStatusChange(listener: (res: { isConnected: boolean; networkType: string }) => void): void;
}

// The mini-program's JavaScript runtime has timers, but the kit is compiled without DOM or Node typings.
declare global {
  function setTimeout(callback: () => void, ms: number): unknown;
}
