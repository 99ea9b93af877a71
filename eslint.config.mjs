import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

const community = n8nCommunityNodesPlugin.configs.recommended;

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'output/**', 'test/e2e/.n8n-runtime/**'] },
	// All TypeScript, tests and emulator included.
	...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
	// n8n's community rules for what ships: the node, the credential, package.json.
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		plugins: community.plugins,
		rules: {
			...community.rules,
			// The one rule turned off: @fal-ai/client is a deliberate runtime
			// dependency. It speaks fal's queue and storage protocol (retries,
			// multipart uploads, error types) so this package does not re-implement
			// it; self-hosted n8n installs it with the package. n8n Cloud does not
			// accept community nodes with dependencies (see README).
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		files: ['package.json'],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},
	// The same decision seen from the import side: the transport module is the
	// only file allowed to import @fal-ai/client.
	{
		files: ['nodes/Fal/transport/falClient.ts'],
		rules: { '@n8n/community-nodes/no-restricted-imports': 'off' },
	},
);
