// Every ```js block in README.md, docs/ and the package's README runs under Node, importing the
// built package as 'aftercare'; a following ```text block marked <!-- output --> is what it prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const pkg = path.resolve(process.env.AFTERCARE_JS_PACKAGE);
const docs = [path.join(root, 'README.md'), path.join(root, 'bindings/js/README.md'),
  ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join(root, 'docs', f))];

// A scratch project in which `import ... from 'aftercare'` finds the package.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-js-docs-'));
fs.mkdirSync(path.join(scratch, 'node_modules'));
fs.symlinkSync(pkg, path.join(scratch, 'node_modules', 'aftercare'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));

const BLOCK = /^```js\n([\s\S]*?)^```\n(?:\n<!-- output -->\n```text\n([\s\S]*?)^```\n)?/gm;
let count = 0;
for (const file of docs) {
  const text = fs.readFileSync(file, 'utf8');
  for (const m of text.matchAll(BLOCK)) {
    const line = text.slice(0, m.index).split('\n').length;
    const name = `${path.relative(root, file)}:${line}`;
    count += 1;
    const script = path.join(scratch, `block${count}.mjs`);
    test(`${name} runs`, () => {
      fs.writeFileSync(script, m[1]);
      const out = execFileSync(process.execPath, [script], { cwd: scratch, encoding: 'utf8' });
      if (m[2] !== undefined) assert.equal(out, m[2]);
    });
  }
}
test('the docs have JavaScript examples', () => assert.ok(count >= 3, `${count} blocks`));
