const { rmSync } = require('node:fs');
const { src, dest } = require('gulp');

// tsc compiles the TypeScript (and the endpoint JSON it imports); n8n also
// needs each node's and credential's icons and codex files beside the
// compiled code, which tsc does not copy.
function copyAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

// tsc leaves the output of deleted sources behind; the package must not ship it.
async function clean() {
	rmSync('dist', { recursive: true, force: true });
}

exports['build:clean'] = clean;
exports['build:assets'] = copyAssets;
