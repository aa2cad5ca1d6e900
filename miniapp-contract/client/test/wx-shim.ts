// A `wx` for Node: wx.request over fetch, storage in a Map that outlives the "mini-program" (pass the same Map
// to a new shim to play a restart), a network switch, and faults: a request that reaches the server but whose
// answer is lost, or a synthetic answer instead of the server's.
import type { WxLike, WxRequestOptions } from '../src/wx';

export type Fault =
  | { kind: 'drop-answer'; match: (o: WxRequestOptions) => boolean }
  | { kind: 'answer'; match: (o: WxRequestOptions) => boolean; status: number; header: Record<string, string>; body: unknown };

export interface Shim {
  wx: WxLike;
  storage: Map<string, string>;
  requests: WxRequestOptions[];
  faults: Fault[];
  setOnline(online: boolean): void;
}

export function wxShim(loginCode: string, storage = new Map<string, string>()): Shim {
  let online = true;
  const listeners: ((r: { isConnected: boolean; networkType: string }) => void)[] = [];
  const shim: Shim = {
    storage,
    requests: [],
    faults: [],
    setOnline(value) {
      online = value;
      listeners.forEach((l) => l({ isConnected: value, networkType: value ? 'wifi' : 'none' }));
    },
    wx: {
      request(o) {
        shim.requests.push(o);
        const fault = shim.faults.find((f) => f.match(o));
        if (fault) shim.faults.splice(shim.faults.indexOf(fault), 1);
        if (!online) {
          setTimeout(() => o.fail({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' }));
          return;
        }
        if (fault?.kind === 'answer') {
          setTimeout(() => o.success({ statusCode: fault.status, header: fault.header, data: JSON.stringify(fault.body) }));
          return;
        }
        fetch(o.url, { method: o.method, headers: o.header, body: o.data })
          .then(async (res) => {
            const header: Record<string, string> = {};
            res.headers.forEach((v, k) => (header[k] = v));
            const data = o.responseType === 'arraybuffer' ? await res.arrayBuffer() : await res.text();
            // The server did the work; the answer is lost on the way back.
            if (fault?.kind === 'drop-answer') o.fail({ errMsg: 'request:fail net::ERR_CONNECTION_RESET' });
            else o.success({ statusCode: res.status, header, data });
          })
          .catch((e: Error) => o.fail({ errMsg: `request:fail ${e.message}` }));
      },
      login({ success }) {
        setTimeout(() => success({ code: loginCode }));
      },
      getStorageSync: (key) => (storage.has(key) ? JSON.parse(storage.get(key)!) : ''),
      setStorageSync: (key, value) => void storage.set(key, JSON.stringify(value)),
      removeStorageSync: (key) => void storage.delete(key),
      getNetworkType({ success }) {
        setTimeout(() => success({ networkType: online ? 'wifi' : 'none' }));
      },
      onNetworkStatusChange(listener) {
        listeners.push(listener);
      },
    },
  };
  return shim;
}
