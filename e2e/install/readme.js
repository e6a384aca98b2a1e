// Reads the code blocks of the README's section "Installing into an existing Backstage app" that
// are marked `<!-- install-test:NAME -->`: the install test applies exactly these, so the README
// and what is tested cannot drift apart.
const fs = require('fs');

const SECTION = 'Installing into an existing Backstage app';

/** The marked blocks of the install section: Map name → { lang, code }. */
function installBlocks(readmeFile) {
  const text = fs.readFileSync(readmeFile, 'utf8');
  const start = text.indexOf(`\n## ${SECTION}\n`);
  if (start < 0) {
    throw new Error(`${readmeFile} has no section "## ${SECTION}"`);
  }
  const next = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, next < 0 ? undefined : next);
  const blocks = new Map();
  const marked =
    /<!--\s*install-test:([\w-]+)\s*-->\s*\n\s*```(\w*)\n([\s\S]*?)\n```/g;
  for (const match of section.matchAll(marked)) {
    if (blocks.has(match[1])) {
      throw new Error(
        `${readmeFile}: two code blocks are marked install-test:${match[1]}`,
      );
    }
    blocks.set(match[1], { lang: match[2], code: match[3] });
  }
  return blocks;
}

/** The block called `name`, or an error naming what the README lacks. */
function requireBlock(blocks, name, readmeFile) {
  const block = blocks.get(name);
  if (!block) {
    throw new Error(
      `${readmeFile}, section "${SECTION}": no code block marked <!-- install-test:${name} --> ` +
        `(the install test needs it; marked: ${
          [...blocks.keys()].join(', ') || 'none'
        })`,
    );
  }
  return block.code;
}

/**
 * The packages the dependencies block adds, per folder: lines `yarn --cwd DIR add NAME…`.
 * Returns [{ dir, names }].
 */
function dependencyLines(code) {
  const lines = code
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('#'));
  return lines.map(line => {
    const match = /^yarn --cwd (\S+) add((?: [^\s-]\S*)+)$/.exec(line);
    if (!match) {
      throw new Error(
        `the install-test:dependencies block has a line the install test cannot apply ` +
          `(expected "yarn --cwd DIR add NAME…"): ${line}`,
      );
    }
    return { dir: match[1], names: match[2].trim().split(/\s+/) };
  });
}

module.exports = { installBlocks, requireBlock, dependencyLines, SECTION };
