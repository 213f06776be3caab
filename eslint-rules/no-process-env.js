/**
 * ESLint rule `local/no-process-env`: `process.env` is read only at the edge. STYLE.md: "Only config/
 * reads the environment" — the CLI edge passes `process.env` to `loadConfig`, and every other file
 * takes its settings from the frozen `Config`. Where the rule is off (src/config/, the two CLI edge
 * files, bench/, tests) is decided in eslint.config.js.
 */
const isProcess = (node) =>
  (node.type === 'Identifier' && node.name === 'process') ||
  (node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' &&
    node.object.name === 'globalThis' && node.property.type === 'Identifier' && node.property.name === 'process');

const isEnvKey = (node, computed) =>
  computed ? node.type === 'Literal' && node.value === 'env' : node.type === 'Identifier' && node.name === 'env';

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Allow process.env only in src/config/, the CLI edge, benchmarks and tests' },
    schema: [],
    messages: {
      processEnv:
        'process.env may be read only in src/config/, at the CLI edge (src/cli/cli-context.ts, which hands it to loadConfig, and src/cli/program.ts), in bench/ and in tests. Add a setting to src/config/config.schema.ts (it then appears in docs/config.md and `reelpath config`) and read it from the Config you are given. See docs/architecture.md.',
    },
  },
  create(context) {
    const report = (node) => context.report({ node, messageId: 'processEnv' });
    return {
      MemberExpression(node) {
        if (isProcess(node.object) && isEnvKey(node.property, node.computed)) report(node);
      },
      VariableDeclarator(node) {
        if (node.init && isProcess(node.init) && node.id.type === 'ObjectPattern' &&
          node.id.properties.some((p) => p.type === 'Property' && isEnvKey(p.key, p.computed))) report(node);
      },
      ImportDeclaration(node) {
        if (node.source.value !== 'process' && node.source.value !== 'node:process') return;
        for (const spec of node.specifiers) {
          if (spec.type === 'ImportSpecifier' && (spec.imported.name ?? spec.imported.value) === 'env') report(spec);
        }
      },
    };
  },
};
