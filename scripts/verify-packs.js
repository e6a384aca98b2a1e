#!/usr/bin/env node
// Checks the tarballs scripts/pack.sh made, one per package directory given, against what an app
// installing them needs: every entry point present, no workspace: range left, the Backstage
// metadata, the compiled config schema, the backend's migrations, and no sources or tests.
//
//   node scripts/verify-packs.js <folder> plugins/<dir>...
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const [folder, ...packageDirs] = process.argv.slice(2);
if (!folder || packageDirs.length === 0) {
  console.error('usage: verify-packs.js <folder> plugins/<dir>...');
  process.exit(2);
}
const root = path.resolve(__dirname, '..');

const sourceManifests = packageDirs.map(dir => ({
  dir,
  manifest: JSON.parse(
    fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'),
  ),
}));
const versionOf = new Map(
  sourceManifests.map(({ manifest }) => [manifest.name, manifest.version]),
);
// The packages of one plugin id, as `backstage-cli repo fix --publish` lists them.
const pluginPackageRoles = [
  'frontend-plugin',
  'backend-plugin',
  'common-library',
  'web-library',
  'node-library',
];
const familyOf = pluginId =>
  sourceManifests
    .filter(
      ({ manifest }) =>
        manifest.backstage?.pluginId === pluginId &&
        pluginPackageRoles.includes(manifest.backstage?.role),
    )
    .map(({ manifest }) => manifest.name)
    .sort();

const tarballName = manifest =>
  `${manifest.name.replace(/^@/, '').replace('/', '-')}-${
    manifest.version
  }.tgz`;

function exportTargets(exp) {
  if (typeof exp === 'string') return [exp];
  if (!exp || typeof exp !== 'object') return [];
  // the `backstage` condition names a feature type (@backstage/BackendFeature), not a file
  return Object.entries(exp)
    .filter(([condition]) => condition !== 'backstage')
    .flatMap(([, target]) => exportTargets(target));
}

let failures = 0;
for (const { dir, manifest: source } of sourceManifests) {
  const tarball = path.join(folder, tarballName(source));
  const problems = [];
  if (!fs.existsSync(tarball)) {
    console.log(`FAIL ${source.name}: no ${tarball}`);
    failures += 1;
    continue;
  }
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(entry => entry.replace(/^package\//, ''));
  const has = file => files.includes(path.posix.normalize(file));
  const packed = JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  const role = packed.backstage?.role;

  for (const field of [
    'dependencies',
    'peerDependencies',
    'optionalDependencies',
  ]) {
    for (const [name, range] of Object.entries(packed[field] ?? {})) {
      if (String(range).startsWith('workspace:')) {
        problems.push(`${field}.${name} is still ${range}`);
      } else if (versionOf.has(name) && range !== `^${versionOf.get(name)}`) {
        problems.push(
          `${field}.${name} is ${range}, expected ^${versionOf.get(name)}`,
        );
      }
    }
  }

  const entryFiles = [
    packed.main,
    packed.types,
    packed.module,
    ...exportTargets(packed.exports),
    ...Object.values(packed.typesVersions?.['*'] ?? {}).flat(),
    ...Object.values(
      typeof packed.bin === 'string' ? { bin: packed.bin } : packed.bin ?? {},
    ),
  ].filter(Boolean);
  for (const file of entryFiles) {
    if (!has(file))
      problems.push(`${file} is named in package.json but not packed`);
  }
  if (role !== 'cli' && !packed.types) problems.push('no types');
  if (packed.main?.startsWith('src/') || packed.main?.startsWith('./src/')) {
    problems.push(`main still points at ${packed.main}`);
  }
  const aliases = Object.keys(packed.exports ?? {});
  const sourceAliases = Object.keys(source.exports ?? {});
  if (aliases.join() !== sourceAliases.join()) {
    problems.push(
      `exports ${aliases} differ from the source's ${sourceAliases}`,
    );
  }

  if (!role) problems.push('no backstage.role');
  if (role !== 'cli' && !packed.backstage?.pluginId) {
    problems.push('no backstage.pluginId');
  }
  if (pluginPackageRoles.includes(role)) {
    const family = familyOf(packed.backstage.pluginId).join(', ');
    if ((packed.backstage.pluginPackages ?? []).join(', ') !== family) {
      problems.push(`backstage.pluginPackages should be ${family}`);
    }
  }
  if (role?.endsWith('-module') && !packed.backstage?.pluginPackage) {
    problems.push('no backstage.pluginPackage');
  }
  if (role === 'frontend-plugin' && packed.sideEffects !== false) {
    problems.push('sideEffects is not false');
  }
  if (source.configSchema) {
    if (
      packed.configSchema !== 'config.schema.json' ||
      !has('config.schema.json')
    ) {
      problems.push(
        'config.d.ts was not compiled to a packed config.schema.json',
      );
    }
  }
  if (packed.publishConfig?.access !== 'public') {
    problems.push('publishConfig.access is not public');
  }
  if (!packed.license) problems.push('no license');
  if (packed.repository?.directory !== dir) {
    problems.push(`repository.directory is not ${dir}`);
  }

  const migrations = path.join(root, dir, 'migrations');
  if (fs.existsSync(migrations)) {
    for (const file of fs.readdirSync(migrations)) {
      if (file.endsWith('.js') && !has(`migrations/${file}`)) {
        problems.push(`migrations/${file} is not packed`);
      }
    }
  }
  const stray = files.filter(
    file =>
      file.startsWith('src/') ||
      /\.test\.[jt]sx?$/.test(file) ||
      file === 'package.json-prepack',
  );
  if (stray.length > 0) problems.push(`packs ${stray.join(', ')}`);

  const summary = `${source.name}@${packed.version} (${role}): ${files.length} files`;
  if (problems.length === 0) {
    console.log(`ok   ${summary}`);
  } else {
    failures += 1;
    console.log(`FAIL ${summary}`);
    for (const problem of problems) console.log(`       ${problem}`);
    console.log(`       packed: ${files.join(' ')}`);
  }
}
console.log(
  `${packageDirs.length - failures} of ${
    packageDirs.length
  } packages packed as they should be`,
);
process.exit(failures > 0 ? 1 : 0);
