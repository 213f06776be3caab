// Writes the generated reference docs from the built sources (run through `npm run docs`, which
// builds first: there is no TypeScript loader at run time). test/docs/docs-sync.test.ts fails when
// a committed file differs from what this would write.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { renderErrorsDoc } = await import(new URL('../dist/src/shared/errors/errors-doc.js', import.meta.url).href);
const { renderConfigDoc } = await import(new URL('../dist/src/config/config-doc.js', import.meta.url).href);
const { buildEventJsonSchema } = await import(new URL('../dist/src/modules/events/index.js', import.meta.url).href);

const outputs = [
  ['docs/errors.md', renderErrorsDoc()],
  ['docs/config.md', renderConfigDoc()],
  ['docs/event-schema.v1.json', `${JSON.stringify(buildEventJsonSchema(), null, 2)}\n`],
];

for (const [file, text] of outputs) {
  const path = `${root}${file}`;
  let before;
  try {
    before = readFileSync(path, 'utf8');
  } catch {
    before = undefined;
  }
  if (before === text) {
    process.stdout.write(`${file}: up to date\n`);
  } else {
    writeFileSync(path, text);
    process.stdout.write(`${file}: written\n`);
  }
}
