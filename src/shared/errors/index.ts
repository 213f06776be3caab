export { AppError, isAppError } from './app-error.js';
export { isStorageUnavailable, knownError } from './storage-errors.js';
export { ERROR_CATALOGUE, describeError, type ErrorCode, type ErrorSpec } from './catalogue.js';
