/**
 * The project's local ESLint plugin (plain JS, no build step), registered as `local` in
 * eslint.config.js. See docs/architecture.md for the rules it enforces.
 */
import moduleBoundaries from './module-boundaries.js';
import noProcessEnv from './no-process-env.js';

export default {
  meta: { name: 'reelpath-local' },
  rules: {
    'module-boundaries': moduleBoundaries,
    'no-process-env': noProcessEnv,
  },
};
