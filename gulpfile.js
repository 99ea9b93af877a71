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

exports['build:assets'] = copyAssets;
