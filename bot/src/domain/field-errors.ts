/**
 * Field-level messages for a rejected progress update, shown next to the
 * inputs on the card and in the tab ("form": anything else, such as an
 * unreadable submission). The same shape travels in the API's `bad_input`.
 */
export type FieldErrors = Partial<Record<'text' | 'rag' | 'links' | 'form', string>>;
