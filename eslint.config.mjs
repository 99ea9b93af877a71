import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

const community = n8nCommunityNodesPlugin.configs.recommended;

export default tseslint.config(
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'output/**',
			'test/e2e/.n8n-runtime/**',
			'test/dev/.n8n-dev/**',
		],
	},
	// All TypeScript, tests and emulator included.
	...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
	// n8n's community rules for what ships: the node, the credential, package.json.
	// Every rule of the recommended set is on; none is turned off.
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		plugins: community.plugins,
		rules: community.rules,
	},
	{
		files: ['package.json'],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
);
