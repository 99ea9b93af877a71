import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * The execution's context with a memory for parameters that hold no
 * expression: their value is the same for every item, so n8n evaluates them
 * once instead of once per item (each evaluation builds n8n's whole data
 * proxy: a thousand items read a dozen parameters each before anything is
 * sent). Parameters with an expression anywhere inside are read per item, as
 * before.
 */
export function withParameterCache(context: IExecuteFunctions): IExecuteFunctions {
	const parameters = context.getNode().parameters;
	const cache = new Map<string, unknown>();
	const getNodeParameter = (
		name: string,
		itemIndex: number,
		fallback?: unknown,
		options?: object,
	) => {
		if (hasExpression(valueAt(parameters, name)))
			return context.getNodeParameter(name, itemIndex, fallback as never, options as never);
		const key = JSON.stringify([name, fallback ?? null, options ?? null]);
		if (!cache.has(key))
			cache.set(
				key,
				context.getNodeParameter(name, itemIndex, fallback as never, options as never),
			);
		// A copy: callers may change what they get.
		return structuredClone(cache.get(key));
	};
	return new Proxy(context, {
		get(target, key) {
			if (key === 'getNodeParameter') return getNodeParameter;
			const value: unknown = Reflect.get(target, key, target);
			return typeof value === 'function'
				? (value as (...args: unknown[]) => unknown).bind(target)
				: value;
		},
	});
}

function valueAt(parameters: unknown, path: string): unknown {
	let value = parameters;
	for (const key of path.split('.'))
		value =
			value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
	return value;
}

/** Whether a parameter value holds an n8n expression (a string starting with "="), at any depth. */
function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}
