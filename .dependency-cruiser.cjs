/**
 * The direction of the node's code (docs/ARCHITECTURE.md), checked in
 * `npm run lint`. Layers only look down:
 *
 *   Fal.node.ts
 *   description/ methods/      the editor's description and load-options methods
 *   actions/                   the router and one file per operation
 *   execution/ fields/         the item loop and submit engine | schemas as n8n fields
 *   request/                   parameters back into a checked fal request
 *   schema/ transport/         the field model | fal's HTTP as plain data (leaves)
 *
 * The emulator is fal's stand-in: it shares no code with the node it tests.
 */

/** Folders of nodes/Fal/ above each layer: what it may not import. */
const ABOVE = {
	transport: 'request|execution|fields|actions|description|methods|schema|Fal\\.node',
	schema: 'request|execution|fields|actions|description|methods|transport|Fal\\.node',
	request: 'execution|fields|actions|description|methods|Fal\\.node',
	execution: 'fields|actions|description|methods|Fal\\.node',
	fields: 'execution|actions|description|methods|Fal\\.node',
	actions: 'description|methods|Fal\\.node',
	description: 'methods|Fal\\.node',
	methods: 'description|Fal\\.node',
};

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			comment: 'A module that imports itself, directly or round a circle.',
			from: {},
			to: { circular: true },
		},
		...Object.entries(ABOVE).map(([layer, above]) => ({
			name: `${layer}-looks-down`,
			severity: 'error',
			comment: `nodes/Fal/${layer}/ imports only the layers below it (docs/ARCHITECTURE.md).`,
			from: { path: `^nodes/Fal/${layer}/` },
			to: { path: `^nodes/Fal/(${above})(/|\\.|$)` },
		})),
		{
			name: 'transport-is-a-leaf',
			severity: 'error',
			comment: "transport/ is fal's HTTP as plain data: nothing of the repository outside itself.",
			from: { path: '^nodes/Fal/transport/' },
			to: { path: '^(nodes|credentials|test|bench)/', pathNot: '^nodes/Fal/transport/' },
		},
		{
			name: 'emulator-independent',
			severity: 'error',
			comment:
				"The fal emulator is written from fal's docs: it imports nothing of the node it tests.",
			from: { path: '^test/emulator/' },
			to: { path: '^(nodes|credentials)/' },
		},
		{
			name: 'shipped-code-without-tests',
			severity: 'error',
			comment:
				'The package ships nodes/ and credentials/: they import nothing of the tests or the bench.',
			from: { path: '^(nodes|credentials)/' },
			to: { path: '^(test|bench)/' },
		},
		{
			name: 'shipped-code-without-dependencies',
			severity: 'error',
			comment:
				"No runtime dependencies (n8n's verification): shipped code imports n8n-workflow (a peer) and Node's own modules only.",
			from: { path: '^(nodes|credentials)/' },
			to: {
				dependencyTypes: [
					'npm',
					'npm-dev',
					'npm-optional',
					'npm-bundled',
					'npm-no-pkg',
					'npm-unknown',
				],
				pathNot: 'node_modules/n8n-workflow/',
			},
		},
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: {
			path: '(^|/)(dist|coverage)/|^test/e2e/\\.n8n-runtime/|^test/dev/\\.n8n-dev/',
		},
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.test.json' },
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default'],
		},
	},
};
