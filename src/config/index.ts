export { loadConfig, redactConfig, redactUrl, resolveLang, type Config, type ConfigSources } from './config.js';
export { SETTINGS, type Setting } from './config.schema.js';
