export { createClient, randomId, type Client, type ClientOptions, type RequestOptions, type Success } from './client';
export { ApiError, NetworkError, type ErrorCode, type Problem } from './errors';
export { ScanQueue, type ScanOutcome, type RejectedScan, type BadgeScan, type ScanResult } from './scan-queue';
export { operations, commonErrorCodes } from './operations';
export type { WxLike } from './wx';
