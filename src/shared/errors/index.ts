export { AppError, isAppError } from './app-error.js';
export { isStorageUnavailable } from './storage-errors.js';
export { ERROR_CATALOGUE, describeError, type ErrorCode, type ErrorSpec } from './catalogue.js';
