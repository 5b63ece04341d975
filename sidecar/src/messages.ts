/**
 * Sentences a user reads travel as a code and its parameters; WordPress holds the texts, translated
 * (plugin/inc/health/class-messages*.php), so there is one catalog and no English copy here. A parameter is a plain
 * value (a host, a number of milliseconds) or another message, e.g. the storage error inside "Uploading a test file
 * failed: …". The codes and their parameter names are part of plugin/contract.json (`message_codes`), and a unit
 * test fails when WordPress has no sentence for one of them.
 */

export type MessageParam = string | number | Message;

export interface Message {
	code: string;
	params: Record<string, MessageParam>;
}

/** Each code with the names of its parameters, in the order the PHP sentence's %1$s, %2$s… take them. */
export type MessageTable = Readonly<Record<string, readonly string[]>>;

type ParamsOf<T extends MessageTable, C extends keyof T> = T[C] extends readonly [] ? Record<string, never> : Record<T[C][number], MessageParam>;

/**
 * The `say` of one table: `say('cdn.passed', { host, ms })` type-checks the code and that every parameter it names
 * is given (and no other), so a sentence cannot go out with a placeholder WordPress would leave empty.
 */
export function messagesOf<T extends MessageTable>(_table: T) {
	return function say<C extends keyof T & string>(code: C, ...params: T[C] extends readonly [] ? [] : [ParamsOf<T, C>]): Message {
		return { code, params: (params[0] ?? {}) as Record<string, MessageParam> };
	};
}

/** True for a Message (and not a plain parameter value). */
export const isMessage = (value: unknown): value is Message =>
	typeof value === 'object' && value !== null && typeof (value as Message).code === 'string' && typeof (value as Message).params === 'object';
