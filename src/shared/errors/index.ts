export { AppError, isAppError } from './app-error.js';
export { ERROR_CATALOGUE, describeError, type ErrorCode, type ErrorSpec } from './catalogue.js';
