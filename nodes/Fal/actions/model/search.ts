import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { readLimit, returnAllAndLimit } from '../shared/platformParameters';
import type { CatalogueEntry } from '../../transport/catalogue';
import { collectPages, type Page } from '../../transport/platform';
import { RETRY_OPTIONS } from '../../execution/options/nodeOptions';
import type { ItemOperation } from '../operation';

/** Model → Search: fal's catalogue (`GET /v1/models`), one item per model. */

/** fal's categories (fal-platform.md and fal's model pages). */
const CATEGORIES = [
	'text-to-image',
	'image-to-image',
	'image-to-video',
	'text-to-video',
	'video-to-video',
	'text-to-speech',
	'text-to-audio',
	'speech-to-text',
	'audio-to-audio',
	'image-to-3d',
	'vision',
	'llm',
	'training',
];

const searchDescription: INodeProperties[] = [
	{
		displayName: 'Search Text',
		name: 'query',
		type: 'string',
		default: '',
		placeholder: 'flux',
		description:
			"Free text matched against fal's models (name, endpoint ID, description); empty lists every model",
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		options: [
			{ name: 'Any', value: '' },
			...CATEGORIES.map((category) => ({ name: category, value: category })),
		],
		default: '',
	},
	{
		displayName: 'Status',
		name: 'modelStatus',
		type: 'options',
		options: [
			{ name: 'Active', value: 'active' },
			{ name: 'Deprecated', value: 'deprecated' },
		],
		default: 'active',
	},
	...returnAllAndLimit('models'),
];

/** A catalogue entry as one flat record: its endpoint ID and its metadata. */
export function modelRecord(entry: CatalogueEntry): IDataObject {
	return { endpoint_id: entry.endpoint_id, ...(entry.metadata as IDataObject | undefined) };
}

export const search: ItemOperation = {
	kind: 'item',
	option: {
		name: 'Search',
		value: 'search',
		action: 'Search fal models',
		description: "Search fal's model catalogue",
	},
	properties: searchDescription,
	nodeOptions: RETRY_OPTIONS,
	async execute(context, itemIndex, connection) {
		const text = String(context.getNodeParameter('query', itemIndex, '') ?? '').trim();
		const category = context.getNodeParameter('category', itemIndex, '') as string;
		const status = context.getNodeParameter('modelStatus', itemIndex, 'active') as string;
		const models = await collectPages<Page & { models?: CatalogueEntry[] }, CatalogueEntry>(
			connection,
			{
				method: 'GET',
				path: '/models',
				query: [
					['q', text],
					['category', category],
					['status', status],
				],
				action: 'Model → Search',
			},
			(page) => page.models ?? [],
			{ limit: readLimit(context, itemIndex), pageSize: 50 },
		);
		return models.map((entry) => ({ json: modelRecord(entry) }));
	},
};
