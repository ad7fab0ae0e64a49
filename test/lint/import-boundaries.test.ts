import { spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '../..');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

/** Runs the lint's boundary check over a small compiled tree laid out like dist/src. */
function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pog-boundaries-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const r = spawnSync(process.execPath, [DEPCRUISE, 'dist/src', '--config', CONFIG, '--output-type', 'err'], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    // Colour codes (CI=true turns them on) would split the matched paths; the text is what is checked.
    return { status: r.status, output: stripVTControlCharacters(`${r.stdout}${r.stderr}`) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tree = {
  'dist/src/pog/index.js': "exports.x = require('./score/score').x;\n",
  'dist/src/pog/score/score.js': 'exports.x = 1;\n',
  'dist/src/economy/index.js': "exports.y = require('../pog').x;\n",
};

describe('npm run lint: import boundaries', () => {
  it('passes a tree where modules meet at their index', () => {
    const r = cruise({ ...tree, 'dist/src/miner/index.js': "exports.z = require('../pog').x;\n" });
    expect(r.output).toMatch(/no dependency violations/);
    expect(r.status).toBe(0);
  }, 60_000);

  it("fails on an import past another module's index.ts, and on pog importing a module above it", () => {
    const r = cruise({
      ...tree,
      'dist/src/miner/index.js': "exports.z = require('../pog/score/score').x;\n",
      'dist/src/pog/uses-miner.js': "require('../miner');\n",
    });
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/module-door: dist\/src\/miner\/index\.js → dist\/src\/pog\/score\/score\.js/);
    expect(r.output).toMatch(/pog-imports-nothing-above: dist\/src\/pog\/uses-miner\.js → dist\/src\/miner\/index\.js/);
  }, 60_000);
});
